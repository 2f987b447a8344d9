/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recovery"

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-recovery.h"
#include "confianza-rules.h"
#include "confianza-trust.h"

/* The method's steps are the wizard's pages before the outcome. */
G_STATIC_ASSERT (CONFIANZA_RECOVERY_METHOD_STEPS == CONFIANZA_RECOVERY_STEP_OUTCOME);

/* The longest guarantee promise title, in characters. */
#define GUARANTEE_TITLE_MAX 120

/* Helpers */

/* @date is set and comes before the incident. */
static gboolean
before_incident (GDateTime         *date,
                 ConfianzaIncident *incident)
{
  GDateTime *happened_on;

  if (date == NULL || incident == NULL)
    return FALSE;

  happened_on = confianza_incident_get_happened_on (incident);

  return happened_on != NULL && confianza_date_compare (date, happened_on) < 0;
}

static int
days_after_incident (ConfianzaIncident *incident,
                     GDateTime         *date)
{
  GDateTime *happened_on;

  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), -1);

  happened_on = confianza_incident_get_happened_on (incident);
  if (date == NULL || happened_on == NULL)
    return -1;

  return MAX (0, confianza_date_days_between (happened_on, date));
}

/* Which of two incidents of the same day was recorded first: the smaller
 * id; one not saved yet (id 0) is the newest. */
static gint64
recorded_order (ConfianzaIncident *incident)
{
  gint64 id = confianza_incident_get_id (incident);

  return id > 0 ? id : G_MAXINT64;
}

/* Public API */

char **
confianza_recovery_default_causes (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **causes;

  /* Translators: cause categories of an incident, offered in a list the
   * user can add to */
  g_strv_builder_add (builder, C_("cause", "Delays"));
  g_strv_builder_add (builder, C_("cause", "Quality"));
  g_strv_builder_add (builder, C_("cause", "Communication"));
  g_strv_builder_add (builder, C_("cause", "Billing"));
  g_strv_builder_add (builder, C_("cause", "Scope"));
  g_strv_builder_add (builder, C_("cause", "Customer service"));
  causes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return causes;
}

GPtrArray *
confianza_recovery_follow_up_dates (GDateTime *start,
                                    int        every_days,
                                    GDateTime *until,
                                    int        times)
{
  GPtrArray *dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);

  if (start == NULL || every_days < 1)
    return dates;

  if (until == NULL)
    times = CLAMP (times, 0, CONFIANZA_RECOVERY_MAX_FOLLOW_UPS);
  else
    times = CONFIANZA_RECOVERY_MAX_FOLLOW_UPS;

  for (int i = 1; i <= times; i++)
    {
      /* From the start each time, not from the last date: no drift. */
      GDateTime *date = confianza_date_add_days (start, i * every_days);

      if (date == NULL)
        break;

      if (until != NULL && confianza_date_compare (date, until) > 0)
        {
          g_date_time_unref (date);
          break;
        }

      g_ptr_array_add (dates, date);
    }

  return dates;
}

GPtrArray *
confianza_recovery_plan_follow_up_dates (ConfianzaRecoveryPlan *plan)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), NULL);

  return confianza_recovery_follow_up_dates (confianza_recovery_plan_get_started_on (plan),
                                             confianza_recovery_plan_get_follow_up_every_days (plan),
                                             confianza_recovery_plan_get_follow_up_until (plan),
                                             confianza_recovery_plan_get_follow_up_times (plan));
}

gboolean
confianza_recovery_is_systemic (ConfianzaIncident *incident,
                                GPtrArray         *incidents,
                                gboolean           same_client_only)
{
  const char *cause;
  GDateTime *happened_on;
  gint64 client_id;
  gint64 order;
  /* Whether the incident has not been met yet in the array: the others
   * met so far are listed before it. */
  gboolean listed_after = TRUE;

  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), FALSE);

  cause = confianza_incident_get_cause (incident);
  happened_on = confianza_incident_get_happened_on (incident);
  client_id = confianza_incident_get_client_id (incident);
  order = recorded_order (incident);

  if (incidents == NULL || happened_on == NULL || confianza_rules_text_is_blank (cause))
    return FALSE;

  for (guint i = 0; i < incidents->len; i++)
    {
      ConfianzaIncident *other = g_ptr_array_index (incidents, i);
      GDateTime *other_on = confianza_incident_get_happened_on (other);
      gint64 other_order = recorded_order (other);
      int days;

      if (other == incident)
        {
          listed_after = FALSE;
          continue;
        }

      /* Another copy of the same record */
      if (other_order == order && order != G_MAXINT64)
        continue;

      if (other_on == NULL)
        continue;

      if (same_client_only && confianza_incident_get_client_id (other) != client_id)
        continue;

      days = confianza_date_days_between (other_on, happened_on);
      if (days < 0 || days > CONFIANZA_RECOVERY_SYSTEMIC_DAYS)
        continue;

      /* The same day: only one recorded before it counts */
      if (days == 0
          && (other_order > order || (other_order == order && !listed_after)))
        continue;

      if (confianza_rules_same_category (cause, confianza_incident_get_cause (other)))
        return TRUE;
    }

  return FALSE;
}

ConfianzaCompensationAdvice
confianza_recovery_suggest_compensation (ConfianzaIncident     *incident,
                                         ConfianzaRecoveryPlan *plan,
                                         gboolean               systemic)
{
  ConfianzaCompensationAdvice advice = { CONFIANZA_COMPENSATION_NEED_PROPORTIONAL, NULL };
  ConfianzaSeverity severity;
  ConfianzaResponsibility responsibility;
  int ack_days, apology_days;

  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), advice);
  g_return_val_if_fail (plan == NULL || CONFIANZA_IS_RECOVERY_PLAN (plan), advice);

  severity = confianza_incident_get_severity (incident);
  responsibility = confianza_incident_get_responsibility (incident);
  ack_days = plan != NULL ? confianza_recovery_days_to_acknowledgement (incident, plan) : -1;
  apology_days = plan != NULL ? confianza_recovery_days_to_apology (incident, plan) : -1;

  if (systemic)
    {
      advice.reason = g_strdup (_("The same cause went wrong before: compensate in proportion to the harm, and fix the cause so it does not happen a third time."));
      return advice;
    }

  if (apology_days < 0)
    {
      advice.reason = g_strdup (_("You have not apologised yet: apologise first. Without a fast apology, compensation in proportion to the harm is what restores the balance."));
      return advice;
    }

  if (apology_days > CONFIANZA_RECOVERY_FAST_DAYS || ack_days > CONFIANZA_RECOVERY_FAST_DAYS)
    {
      advice.reason = g_strdup_printf (ngettext ("The apology came %d day after the incident: compensate in proportion to the harm, because words alone came late.",
                                                 "The apology came %d days after the incident: compensate in proportion to the harm, because words alone came late.",
                                                 MAX (apology_days, ack_days)),
                                       MAX (apology_days, ack_days));
      return advice;
    }

  if (severity == CONFIANZA_SEVERITY_CRITICAL && responsibility != CONFIANZA_RESPONSIBILITY_EXTERNAL)
    {
      advice.reason = g_strdup (_("A critical failure, at least partly yours: even after a fast apology, compensate in proportion to the harm."));
      return advice;
    }

  if (severity == CONFIANZA_SEVERITY_SERIOUS && responsibility == CONFIANZA_RESPONSIBILITY_OURS)
    {
      advice.reason = g_strdup (_("A serious failure, and yours: even after a fast apology, compensate in proportion to the harm."));
      return advice;
    }

  if (responsibility == CONFIANZA_RESPONSIBILITY_EXTERNAL)
    {
      advice.need = CONFIANZA_COMPENSATION_NEED_SMALL;
      advice.reason = g_strdup (_("You acknowledged it and apologised quickly, and it was outside your control: a small gesture is enough, but words alone are not."));
      return advice;
    }

  advice.need = CONFIANZA_COMPENSATION_NEED_SMALL;
  advice.reason = g_strdup (_("You acknowledged it and apologised quickly: a small gesture is enough, but words alone are not."));

  return advice;
}

void
confianza_compensation_advice_clear (ConfianzaCompensationAdvice *advice)
{
  if (advice == NULL)
    return;

  g_clear_pointer (&advice->reason, g_free);
  advice->need = CONFIANZA_COMPENSATION_NEED_SMALL;
}

int
confianza_recovery_days_to_acknowledgement (ConfianzaIncident     *incident,
                                            ConfianzaRecoveryPlan *plan)
{
  GDateTime *acknowledged_on;
  GDateTime *apologised_on;
  GDateTime *first;

  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), -1);
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), -1);

  /* Apologising is acknowledging: the earlier of the two counts. */
  acknowledged_on = confianza_recovery_plan_get_acknowledged_on (plan);
  apologised_on = confianza_recovery_plan_get_apologised_on (plan);
  first = acknowledged_on;
  if (first == NULL || (apologised_on != NULL && confianza_date_compare (apologised_on, first) < 0))
    first = apologised_on;

  return days_after_incident (incident, first);
}

int
confianza_recovery_days_to_apology (ConfianzaIncident     *incident,
                                    ConfianzaRecoveryPlan *plan)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), -1);
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), -1);

  return days_after_incident (incident, confianza_recovery_plan_get_apologised_on (plan));
}

ConfianzaFollowUpTally
confianza_recovery_tally_follow_ups (GPtrArray *follow_ups,
                                     GDateTime *today)
{
  ConfianzaFollowUpTally tally = { 0 };
  g_autoptr(GDateTime) real_today = NULL;

  if (follow_ups == NULL)
    return tally;

  if (today == NULL)
    today = real_today = confianza_date_today ();

  for (guint i = 0; i < follow_ups->len; i++)
    {
      ConfianzaFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
      GDateTime *due_on = confianza_follow_up_get_due_on (follow_up);

      tally.total++;

      if (confianza_follow_up_get_done_on (follow_up) != NULL)
        {
          tally.done++;
          if (confianza_follow_up_is_on_time (follow_up))
            tally.on_time++;
          continue;
        }

      if (due_on == NULL)
        continue;

      if (confianza_date_compare (due_on, today) < 0)
        tally.overdue++;

      if (tally.next_due == NULL || confianza_date_compare (due_on, tally.next_due) < 0)
        tally.next_due = due_on;
    }

  return tally;
}

const char *
confianza_recovery_step_to_label (int step)
{
  switch (step)
    {
    case CONFIANZA_RECOVERY_STEP_LISTEN:
      return _("Listen first");
    case CONFIANZA_RECOVERY_STEP_APOLOGISE:
      return _("Acknowledge the error and apologise");
    case CONFIANZA_RECOVERY_STEP_CONSEQUENCES:
      return _("Take the consequences");
    case CONFIANZA_RECOVERY_STEP_GUARANTEE:
      return _("Special guarantee");
    case CONFIANZA_RECOVERY_STEP_FOLLOW_UP:
      return _("Special follow-up");
    case CONFIANZA_RECOVERY_STEP_INTERNAL:
      return _("Internal analysis");
    case CONFIANZA_RECOVERY_STEP_OUTCOME:
    default:
      return _("Outcome");
    }
}

char *
confianza_recovery_describe_step (int step)
{
  step = CLAMP (step, 0, CONFIANZA_RECOVERY_STEP_OUTCOME);

  if (step >= CONFIANZA_RECOVERY_METHOD_STEPS)
    return g_strdup (confianza_recovery_step_to_label (step));

  /* Translators: "Step 2 of 6 · Acknowledge the error and apologise" */
  return g_strdup_printf (_("Step %d of %d · %s"), step + 1, CONFIANZA_RECOVERY_METHOD_STEPS,
                          confianza_recovery_step_to_label (step));
}

/* Set, and on or before @as_of (NULL: any day). */
static gboolean
done_by (GDateTime *date,
         GDateTime *as_of)
{
  return date != NULL && (as_of == NULL || confianza_date_compare (date, as_of) <= 0);
}

ConfianzaRecoveryProgress
confianza_recovery_get_progress (ConfianzaRecoveryPlan *plan,
                                 GPtrArray             *follow_ups,
                                 GPtrArray             *compensations,
                                 GDateTime             *as_of)
{
  ConfianzaRecoveryProgress progress = { { 0 } };
  GDateTime *started_on;
  gboolean started;
  GDateTime *invited_on;
  GDateTime *compensation_on = NULL;
  gint64 plan_id;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), progress);

  plan_id = confianza_recovery_plan_get_id (plan);
  started_on = confianza_recovery_plan_get_started_on (plan);
  started = started_on == NULL || done_by (started_on, as_of);
  invited_on = confianza_recovery_plan_get_invited_to_speak_on (plan);

  if (done_by (confianza_recovery_plan_get_acknowledged_on (plan), as_of))
    progress.acknowledged_on = confianza_recovery_plan_get_acknowledged_on (plan);
  if (done_by (confianza_recovery_plan_get_apologised_on (plan), as_of))
    progress.apologised_on = confianza_recovery_plan_get_apologised_on (plan);

  for (guint i = 0; compensations != NULL && i < compensations->len; i++)
    {
      ConfianzaCompensation *compensation = g_ptr_array_index (compensations, i);
      GDateTime *given_on = confianza_compensation_get_given_on (compensation);

      if (confianza_compensation_get_plan_id (compensation) != plan_id || !done_by (given_on, as_of))
        continue;

      if (compensation_on == NULL || confianza_date_compare (given_on, compensation_on) < 0)
        {
          progress.compensation = compensation;
          compensation_on = given_on;
        }
    }

  for (guint i = 0; follow_ups != NULL && i < follow_ups->len; i++)
    {
      ConfianzaFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
      GDateTime *done_on = confianza_follow_up_get_done_on (follow_up);

      if (confianza_follow_up_get_plan_id (follow_up) != plan_id || !done_by (done_on, as_of))
        continue;

      if (confianza_follow_up_is_on_time (follow_up))
        progress.follow_ups_on_time++;
      else
        progress.follow_ups_late++;

      if (progress.last_follow_up_on == NULL
          || confianza_date_compare (done_on, progress.last_follow_up_on) > 0)
        progress.last_follow_up_on = done_on;
    }

  if (started)
    {
      progress.has_root_cause = !confianza_rules_text_is_blank (confianza_recovery_plan_get_root_cause (plan));
    }
  /* A measure counts once it is applied, not when it is written */
  progress.has_corrective_measure =
    !confianza_rules_text_is_blank (confianza_recovery_plan_get_corrective_measure (plan))
    && done_by (confianza_recovery_plan_get_corrective_applied_on (plan), as_of);

  progress.done[CONFIANZA_RECOVERY_STEP_LISTEN] = progress.acknowledged_on != NULL
                                                  || done_by (invited_on, as_of);
  progress.done[CONFIANZA_RECOVERY_STEP_APOLOGISE] = progress.apologised_on != NULL;
  progress.done[CONFIANZA_RECOVERY_STEP_CONSEQUENCES] =
    progress.compensation != NULL
    || (started && confianza_recovery_plan_get_compensation_declined (plan));
  progress.done[CONFIANZA_RECOVERY_STEP_GUARANTEE] =
    started && !confianza_rules_text_is_blank (confianza_recovery_plan_get_guarantee_terms (plan));
  progress.done[CONFIANZA_RECOVERY_STEP_FOLLOW_UP] =
    progress.follow_ups_on_time + progress.follow_ups_late > 0;
  progress.done[CONFIANZA_RECOVERY_STEP_INTERNAL] =
    progress.has_root_cause && progress.has_corrective_measure;

  for (guint i = 0; i < CONFIANZA_RECOVERY_METHOD_STEPS; i++)
    progress.n_done += progress.done[i] ? 1 : 0;

  return progress;
}

const char *
confianza_recovery_judgement_advice (ConfianzaTrustJudgement judgement)
{
  switch (judgement)
    {
    case CONFIANZA_JUDGEMENT_YES:
      return _("Good: follow the method to the end. Even so, for a while the client will look at everything you do more closely.");
    case CONFIANZA_JUDGEMENT_DOUBTFUL:
      return _("The client will look at everything “con lupa” for a while: the follow-up becomes at least weekly, with twice as many contacts.");
    case CONFIANZA_JUDGEMENT_NO:
      return _("If the client does not listen to reason, asks for the unacceptable and stays hostile, letting them go may be best for both: export their report, keep or erase their data, and close with a respectful message.");
    case CONFIANZA_JUDGEMENT_UNDECIDED:
    default:
      return _("Invite the client to speak frankly, then judge honestly: can trust come back, or will they always look at you “con lupa”?");
    }
}

gboolean
confianza_recovery_judged_follow_up (ConfianzaTrustJudgement  judgement,
                                     int                     *every_days,
                                     int                     *times)
{
  int every, count;

  g_return_val_if_fail (every_days != NULL && times != NULL, FALSE);

  if (judgement != CONFIANZA_JUDGEMENT_DOUBTFUL)
    return FALSE;

  every = *every_days < 1 || *every_days > 7 ? 7 : *every_days;
  count = *times > 0 ? MIN (*times * 2, CONFIANZA_RECOVERY_MAX_FOLLOW_UPS) : *times;

  if (every == *every_days && count == *times)
    return FALSE;

  *every_days = every;
  *times = count;

  return TRUE;
}

gboolean
confianza_recovery_measure_pending (ConfianzaRecoveryPlan *plan,
                                    GDateTime             *today,
                                    int                    within_days,
                                    gboolean              *overdue)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) horizon = NULL;
  GDateTime *due;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), FALSE);

  if (overdue != NULL)
    *overdue = FALSE;

  due = confianza_recovery_plan_get_corrective_due (plan);
  if (due == NULL
      || confianza_recovery_plan_get_corrective_applied_on (plan) != NULL
      || confianza_rules_text_is_blank (confianza_recovery_plan_get_corrective_measure (plan)))
    return FALSE;

  now = today != NULL ? g_date_time_ref (today) : confianza_date_today ();
  horizon = g_date_time_add_days (now, MAX (within_days, 0));

  if (overdue != NULL)
    *overdue = confianza_date_compare (due, now) < 0;

  return confianza_date_compare (due, horizon) <= 0;
}

ConfianzaIncident *
confianza_recovery_incident_for_promise (ConfianzaPromise *promise,
                                         int               late_days,
                                         GDateTime        *today)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *description = NULL;
  GDateTime *due_on;
  GDateTime *delivered_on;
  GDateTime *happened_on;
  ConfianzaIncident *incident;

  g_return_val_if_fail (CONFIANZA_IS_PROMISE (promise), NULL);

  if (today == NULL)
    today = now = confianza_date_today ();
  due_on = confianza_promise_get_due_on (promise);
  delivered_on = confianza_promise_get_delivered_on (promise);

  if (confianza_promise_get_broken (promise))
    {
      g_autofree char *reason = g_strstrip (g_strdup (confianza_promise_get_broken_reason (promise)));

      happened_on = due_on != NULL && confianza_date_compare (due_on, today) < 0 ? due_on : today;
      if (confianza_rules_text_is_blank (reason))
        /* Translators: %s is what was promised */
        description = g_strdup_printf (_("Promise not kept: “%s”."), confianza_promise_get_title (promise));
      else
        /* Translators: the first %s is what was promised, the second why it was not kept */
        description = g_strdup_printf (_("Promise not kept: “%s”. %s"), confianza_promise_get_title (promise), reason);
    }
  else if (delivered_on != NULL && due_on != NULL
           && confianza_date_days_between (due_on, delivered_on) > MAX (late_days, 0))
    {
      int late = confianza_date_days_between (due_on, delivered_on);

      happened_on = delivered_on;
      /* Translators: %s is what was promised, %d how many days late it came */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” was delivered %d day late.",
                                                  "“%s” was delivered %d days late.", late),
                                     confianza_promise_get_title (promise), late);
    }
  else
    return NULL;

  incident = confianza_incident_new (confianza_promise_get_client_id (promise), happened_on, description);
  confianza_incident_set_responsibility (incident, CONFIANZA_RESPONSIBILITY_OURS);

  return incident;
}

gboolean
confianza_recovery_may_recover (ConfianzaRecoveryPlan  *plan,
                                GPtrArray              *follow_ups,
                                GError                **error)
{
  ConfianzaRecoveryProgress progress;
  g_autoptr(GString) missing = NULL;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  progress = confianza_recovery_get_progress (plan, follow_ups, NULL, NULL);
  if (progress.acknowledged_on != NULL && progress.apologised_on != NULL
      && progress.follow_ups_on_time + progress.follow_ups_late > 0)
    return TRUE;

  missing = g_string_new (_("It cannot be marked as recovered yet."));
  if (progress.acknowledged_on == NULL)
    {
      g_string_append_c (missing, ' ');
      g_string_append (missing, _("Record the day you acknowledged the error (step 1)."));
    }
  if (progress.apologised_on == NULL)
    {
      g_string_append_c (missing, ' ');
      g_string_append (missing, _("Record the day you apologised (step 2)."));
    }
  if (progress.follow_ups_on_time + progress.follow_ups_late == 0)
    {
      g_string_append_c (missing, ' ');
      g_string_append (missing, _("Mark at least one follow-up as done (step 5)."));
    }

  g_set_error_literal (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING, missing->str);

  return FALSE;
}

int
confianza_recovery_step_of_property (const char *property)
{
  static const struct
  {
    const char *property;
    int         step;
  } steps[] = {
    { "client-said", CONFIANZA_RECOVERY_STEP_LISTEN },
    { "invited-to-speak-on", CONFIANZA_RECOVERY_STEP_LISTEN },
    { "acknowledged-on", CONFIANZA_RECOVERY_STEP_LISTEN },
    { "trust-judgement", CONFIANZA_RECOVERY_STEP_LISTEN },
    { "apologised-on", CONFIANZA_RECOVERY_STEP_APOLOGISE },
    { "apology-channel", CONFIANZA_RECOVERY_STEP_APOLOGISE },
    { "apologised-by", CONFIANZA_RECOVERY_STEP_APOLOGISE },
    { "apology-words", CONFIANZA_RECOVERY_STEP_APOLOGISE },
    { "compensation-declined", CONFIANZA_RECOVERY_STEP_CONSEQUENCES },
    { "compensation-waiver", CONFIANZA_RECOVERY_STEP_CONSEQUENCES },
    { "guarantee-terms", CONFIANZA_RECOVERY_STEP_GUARANTEE },
    { "guarantee-until", CONFIANZA_RECOVERY_STEP_GUARANTEE },
    { "follow-up-every-days", CONFIANZA_RECOVERY_STEP_FOLLOW_UP },
    { "follow-up-until", CONFIANZA_RECOVERY_STEP_FOLLOW_UP },
    { "follow-up-times", CONFIANZA_RECOVERY_STEP_FOLLOW_UP },
    { "root-cause", CONFIANZA_RECOVERY_STEP_INTERNAL },
    { "corrective-measure", CONFIANZA_RECOVERY_STEP_INTERNAL },
    { "corrective-owner", CONFIANZA_RECOVERY_STEP_INTERNAL },
    { "corrective-due", CONFIANZA_RECOVERY_STEP_INTERNAL },
    { "corrective-applied-on", CONFIANZA_RECOVERY_STEP_INTERNAL },
    { "outcome", CONFIANZA_RECOVERY_STEP_OUTCOME },
    { "outcome-reason", CONFIANZA_RECOVERY_STEP_OUTCOME },
    { "closed-on", CONFIANZA_RECOVERY_STEP_OUTCOME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i].property, property) == 0)
      return steps[i].step;

  return -1;
}

gboolean
confianza_recovery_validate_step (ConfianzaRecoveryPlan  *plan,
                                  ConfianzaIncident      *incident,
                                  int                     step,
                                  const char            **property,
                                  GError                **error)
{
  g_autoptr(GError) plan_error = NULL;
  const char *plan_property = NULL;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), FALSE);
  g_return_val_if_fail (incident == NULL || CONFIANZA_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  /* The plan's own rules, as far as they are about this page: another
   * page's problem is shown on that page. */
  if (!confianza_recovery_plan_validate (plan, &plan_property, &plan_error)
      && (confianza_recovery_step_of_property (plan_property) == step
          || confianza_recovery_step_of_property (plan_property) < 0))
    {
      if (property != NULL)
        *property = plan_property;
      g_propagate_error (error, g_steal_pointer (&plan_error));
      return FALSE;
    }

  switch (step)
    {
    case CONFIANZA_RECOVERY_STEP_LISTEN:
      if (before_incident (confianza_recovery_plan_get_invited_to_speak_on (plan), incident))
        return confianza_model_fail (property, "invited-to-speak-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("The client cannot have been invited to speak before the incident happened."));
      if (before_incident (confianza_recovery_plan_get_acknowledged_on (plan), incident))
        return confianza_model_fail (property, "acknowledged-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("The error cannot have been acknowledged before it happened."));
      break;

    case CONFIANZA_RECOVERY_STEP_APOLOGISE:
      if (before_incident (confianza_recovery_plan_get_apologised_on (plan), incident))
        return confianza_model_fail (property, "apologised-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("The apology cannot come before the incident happened."));
      if (confianza_recovery_plan_get_apologised_on (plan) == NULL
          && (!confianza_rules_text_is_blank (confianza_recovery_plan_get_apologised_by (plan))
              || !confianza_rules_text_is_blank (confianza_recovery_plan_get_apology_words (plan))))
        return confianza_model_fail (property, "apologised-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                     _("Say on which day you apologised."));
      break;

    case CONFIANZA_RECOVERY_STEP_CONSEQUENCES:
      return confianza_recovery_validate_consequences (plan, NULL, property, error);

    case CONFIANZA_RECOVERY_STEP_GUARANTEE:
      {
        gboolean has_terms = !confianza_rules_text_is_blank (confianza_recovery_plan_get_guarantee_terms (plan));
        gboolean has_until = confianza_recovery_plan_get_guarantee_until (plan) != NULL;

        if (has_until && !has_terms)
          return confianza_model_fail (property, "guarantee-terms", error, CONFIANZA_MODEL_ERROR_MISSING,
                       _("Write what the guarantee offers."));
        if (has_terms && !has_until)
          return confianza_model_fail (property, "guarantee-until", error, CONFIANZA_MODEL_ERROR_MISSING,
                       _("Say until when the guarantee lasts: it is kept like a promise."));
      }
      break;

    case CONFIANZA_RECOVERY_STEP_FOLLOW_UP:
      if (confianza_recovery_plan_get_follow_up_every_days (plan) == 0
          && (confianza_recovery_plan_get_follow_up_until (plan) != NULL
              || confianza_recovery_plan_get_follow_up_times (plan) > 0))
        return confianza_model_fail (property, "follow-up-every-days", error, CONFIANZA_MODEL_ERROR_MISSING,
                     _("Say how often to follow up: every how many days."));
      break;

    case CONFIANZA_RECOVERY_STEP_INTERNAL:
      if (before_incident (confianza_recovery_plan_get_corrective_due (plan), incident))
        return confianza_model_fail (property, "corrective-due", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("The corrective measure cannot be due before the incident happened."));
      if (before_incident (confianza_recovery_plan_get_corrective_applied_on (plan), incident))
        return confianza_model_fail (property, "corrective-applied-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("The corrective measure cannot have been applied before the incident happened."));
      if (confianza_recovery_plan_get_corrective_applied_on (plan) != NULL
          && confianza_rules_text_is_blank (confianza_recovery_plan_get_corrective_measure (plan)))
        return confianza_model_fail (property, "corrective-measure", error, CONFIANZA_MODEL_ERROR_MISSING,
                     _("Write the corrective measure that was applied."));
      break;

    case CONFIANZA_RECOVERY_STEP_OUTCOME:
      break;

    default:
      return confianza_model_fail (property, "step", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                   _("This plan was left at a step that does not exist. Start it again from the first step."));
    }

  return TRUE;
}

gboolean
confianza_recovery_validate_consequences (ConfianzaRecoveryPlan  *plan,
                                          GPtrArray              *compensations,
                                          const char            **property,
                                          GError                **error)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (!confianza_recovery_plan_get_compensation_declined (plan))
    return TRUE;

  if (compensations != NULL && compensations->len > 0)
    return confianza_model_fail (property, "compensation-declined", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                 _("A compensation is listed, so one is given: remove it first, or untick “No compensation”."));

  if (confianza_recovery_plan_get_compensation_waiver (plan) == CONFIANZA_WAIVER_NONE)
    return confianza_model_fail (property, "compensation-waiver", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Say why no compensation is given: an apology alone is not enough."));

  return TRUE;
}

gboolean
confianza_recovery_validate_compensation (ConfianzaCompensation  *compensation,
                                          ConfianzaIncident      *incident,
                                          const char            **property,
                                          GError                **error)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (compensation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!confianza_compensation_validate (compensation, property, error))
    return FALSE;

  if (before_incident (confianza_compensation_get_given_on (compensation), incident))
    return confianza_model_fail (property, "given-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                 _("A compensation cannot be given before the incident happened."));

  return TRUE;
}

char *
confianza_recovery_guarantee_title (const char *terms)
{
  g_autofree char *line = NULL;
  const char *end;
  glong length;

  if (terms == NULL)
    return g_strdup ("");

  end = strchr (terms, '\n');
  line = end != NULL ? g_strndup (terms, end - terms) : g_strdup (terms);
  g_strstrip (line);

  length = g_utf8_strlen (line, -1);
  if (length <= GUARANTEE_TITLE_MAX)
    return g_steal_pointer (&line);

  {
    char *cut = g_utf8_offset_to_pointer (line, GUARANTEE_TITLE_MAX - 1);
    char *space;

    *cut = '\0';
    /* At a word, unless that throws most of it away. */
    space = strrchr (line, ' ');
    if (space != NULL && g_utf8_strlen (line, space - line) > GUARANTEE_TITLE_MAX / 2)
      *space = '\0';
    g_strchomp (line);

    return g_strconcat (line, "…", NULL);
  }
}

gboolean
confianza_recovery_parse_amount (const char  *text,
                                 gint64      *cents,
                                 GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *decimal = NULL;
  const char *last_separator = NULL;
  gint64 units = 0;
  int fraction = 0;
  int fraction_digits = 0;

  g_return_val_if_fail (cents != NULL, FALSE);

  *cents = 0;
  if (confianza_rules_text_is_blank (text))
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    return confianza_model_fail (NULL, NULL, error, CONFIANZA_MODEL_ERROR_INVALID_TEXT,
                 _("Write the amount as a number, such as 450 or 450.50."));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-')
        return confianza_model_fail (NULL, NULL, error, CONFIANZA_MODEL_ERROR_NEGATIVE,
                     _("An amount cannot be negative."));
      if (c == '.' || c == ',')
        last_separator = p;
      else if (!g_unichar_isspace (c) && !(c >= '0' && c <= '9'))
        return confianza_model_fail (NULL, NULL, error, CONFIANZA_MODEL_ERROR_INVALID_TEXT,
                     _("Write the amount as a number, such as 450 or 450.50."));
    }

  /* The last separator is decimal when one or two digits follow it. */
  if (last_separator != NULL)
    {
      int after = 0;
      const char *p;

      for (p = last_separator + 1; *p != '\0'; p++)
        {
          if (*p >= '0' && *p <= '9')
            after++;
          else if (*p == ' ')
            continue;
          else
            break;
        }
      if (*p == '\0' && after >= 1 && after <= 2)
        decimal = last_separator;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p == decimal)
        {
          g_string_append_c (digits, '.');
          continue;
        }
      if (*p >= '0' && *p <= '9')
        g_string_append_c (digits, *p);
    }

  if (digits->len == 0 || digits->str[0] == '.')
    return confianza_model_fail (NULL, NULL, error, CONFIANZA_MODEL_ERROR_INVALID_TEXT,
                 _("Write the amount as a number, such as 450 or 450.50."));

  for (const char *p = digits->str; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          for (p++; *p != '\0'; p++)
            {
              fraction = fraction * 10 + (*p - '0');
              fraction_digits++;
            }
          break;
        }

      /* Ten thousand million is more than anyone is compensated. */
      if (units > G_GINT64_CONSTANT (10000000000))
        return confianza_model_fail (NULL, NULL, error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                     _("That amount is too large."));
      units = units * 10 + (*p - '0');
    }

  if (fraction_digits == 1)
    fraction *= 10;

  *cents = units * 100 + fraction;

  return TRUE;
}

/* The sign users read for @code, or NULL where the code itself is clearer
 * (the peso sign "$" alone would be read as dollars, and the other way round). */
static const char *
currency_symbol (const char *code)
{
  static const struct { const char *code; const char *symbol; } symbols[] = {
    { "EUR", "€" },
    { "GBP", "£" },
    { "USD", "US$" },
    { "JPY", "¥" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_strcmp0 (code, symbols[i].code) == 0)
      return symbols[i].symbol;

  return NULL;
}

char *
confianza_recovery_format_amount (gint64      cents,
                                  const char *currency)
{
  const struct lconv *conv = localeconv ();
  const char *point = conv->mon_decimal_point;
  const char *separator = conv->mon_thousands_sep;
  int group = conv->mon_grouping != NULL ? conv->mon_grouping[0] : 0;
  g_autofree char *units = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                            (guint64) ABS (cents / 100));
  g_autoptr(GString) number = g_string_new (cents < 0 ? "-" : "");
  size_t length = strlen (units);
  const char *symbol;

  if (point == NULL || point[0] == '\0')
    point = localeconv ()->decimal_point;
  if (point == NULL || point[0] == '\0')
    point = ".";
  if (separator == NULL || group <= 0 || group == CHAR_MAX)
    separator = "";

  /* 1234567 → 1.234.567 where the locale groups thousands */
  for (size_t i = 0; i < length; i++)
    {
      if (i > 0 && separator[0] != '\0' && (length - i) % (size_t) group == 0)
        g_string_append (number, separator);
      g_string_append_c (number, units[i]);
    }
  g_string_append_printf (number, "%s%02d", point, (int) (ABS (cents) % 100));

  if (currency == NULL || currency[0] == '\0')
    return g_string_free (g_steal_pointer (&number), FALSE);

  symbol = currency_symbol (currency);

  /* Where the locale puts its currency sign: "1.234,56 €", "€1,234.56";
   * the C locale has no convention, and keeps the code after the number. */
  if (symbol == NULL || conv->p_cs_precedes == CHAR_MAX)
    symbol = currency;
  if (conv->p_cs_precedes == 1)
    return g_strdup_printf ("%s%s%s", symbol, conv->p_sep_by_space == 1 ? " " : "", number->str);

  /* Translators: an amount and its currency, "1.234,56 €" or "450,00 MXN" */
  return g_strdup_printf (C_("amount", "%s %s"), number->str, symbol);
}
