/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-compensation.h"
#include "confianza-follow-up.h"
#include "confianza-incident.h"
#include "confianza-promise.h"
#include "confianza-recovery-plan.h"

G_BEGIN_DECLS

/*
 * The rules of recovering trust (source 001, DESIGN §2), as pure functions
 * the wizard, the client page and the tests share.
 */

/* The wizard's pages; a plan's "step" is the page its draft was left on. */
typedef enum
{
  CONFIANZA_RECOVERY_STEP_LISTEN,
  CONFIANZA_RECOVERY_STEP_APOLOGISE,
  CONFIANZA_RECOVERY_STEP_CONSEQUENCES,
  CONFIANZA_RECOVERY_STEP_GUARANTEE,
  CONFIANZA_RECOVERY_STEP_FOLLOW_UP,
  CONFIANZA_RECOVERY_STEP_INTERNAL,
  CONFIANZA_RECOVERY_STEP_OUTCOME,
  CONFIANZA_RECOVERY_N_STEPS,
} ConfianzaRecoveryStep;

/* The six steps of the method; the outcome comes after them. */
#define CONFIANZA_RECOVERY_METHOD_STEPS 6

/* An incident repeats when its cause went wrong within this many days
 * before it: "12 months" counted as 365 days, both ends included, so an
 * incident exactly 365 days after another of its cause is systemic and
 * one 366 days after is not (whether or not a 29 February lies between). */
#define CONFIANZA_RECOVERY_SYSTEMIC_DAYS 365
/* Acknowledging and apologising within this many days of the incident is
 * fast (Wirtz & Mattila 2004). */
#define CONFIANZA_RECOVERY_FAST_DAYS 2
/* The most follow-ups one schedule makes. */
#define CONFIANZA_RECOVERY_MAX_FOLLOW_UPS 100

/* Cause categories offered until the user types their own. Untranslated
 * English ids would be of no use: the list is translated. Returns a new
 * NULL-terminated array. */
char        **confianza_recovery_default_causes      (void);

/*
 * The follow-up schedule: the days after @start, every @every_days days,
 * up to and including @until; or, when @until is NULL, @times of them.
 * Days are added, so month ends and 29 February need no special case.
 * At most CONFIANZA_RECOVERY_MAX_FOLLOW_UPS. Returns a new array of
 * GDateTime (dates as in confianza-date.h), empty when @every_days < 1.
 */
GPtrArray    *confianza_recovery_follow_up_dates     (GDateTime          *start,
                                                      int                 every_days,
                                                      GDateTime          *until,
                                                      int                 times);
/* The same for a plan: from the day it started, with its cadence. */
GPtrArray    *confianza_recovery_plan_follow_up_dates (ConfianzaRecoveryPlan *plan);

/*
 * The systemic rule, the only one: the trust index, the reports and the
 * dialogs all ask it. Systemic, not isolated: another of @incidents (any
 * client's, or only @incident's client's when @same_client_only) had the
 * same cause category (confianza_rules_same_category ()) on the same day
 * or within CONFIANZA_RECOVERY_SYSTEMIC_DAYS before it. Without a cause or
 * a date it is never systemic. @incident itself may be in the array.
 *
 * Two incidents of the same cause on the same day are a repeat, and only
 * the one recorded second is systemic: the first was a first failure when
 * it happened (a recovery still helps after it, Maxham & Netemeyer 2002),
 * the second is the pattern. The one recorded first has the smaller id; an
 * incident not saved yet (id 0) is the newest of its day; of two not saved
 * the one listed first in @incidents is the earlier (and @incident, when
 * it is not in the array, comes after all of them). So the answer never
 * depends on the order the store happens to list incidents in.
 */
gboolean      confianza_recovery_is_systemic         (ConfianzaIncident  *incident,
                                                      GPtrArray          *incidents,
                                                      gboolean            same_client_only);

/* Compensation is the default (source 001: "eso significa compensación"):
 * the suggestion only sizes it; giving none is the user's choice, with a
 * reason (confianza_recovery_validate_consequences ()). */
typedef enum
{
  CONFIANZA_COMPENSATION_NEED_SMALL,
  CONFIANZA_COMPENSATION_NEED_PROPORTIONAL,
} ConfianzaCompensationNeed;

typedef struct
{
  ConfianzaCompensationNeed  need;
  /* Why, in one translated sentence. */
  char                      *reason;
} ConfianzaCompensationAdvice;

/*
 * Whether to compensate, and why. A fast acknowledgement with an apology
 * leaves little need (Wirtz & Mattila 2004); a slow or missing apology, a
 * repeated (systemic) failure, or a serious one that was ours calls for
 * compensation in proportion to the failure (Smith, Bolton & Wagner 1999).
 * The user decides.
 */
ConfianzaCompensationAdvice confianza_recovery_suggest_compensation (ConfianzaIncident     *incident,
                                                                     ConfianzaRecoveryPlan *plan,
                                                                     gboolean               systemic);
void          confianza_compensation_advice_clear    (ConfianzaCompensationAdvice *advice);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ConfianzaCompensationAdvice, confianza_compensation_advice_clear)

/* Days from the incident to the plan's acknowledgement (or apology): -1
 * when not done yet; never negative otherwise. */
int           confianza_recovery_days_to_acknowledgement (ConfianzaIncident     *incident,
                                                          ConfianzaRecoveryPlan *plan);
int           confianza_recovery_days_to_apology     (ConfianzaIncident     *incident,
                                                      ConfianzaRecoveryPlan *plan);

typedef struct
{
  guint      total;
  guint      done;
  /* Done on or before their due day. */
  guint      on_time;
  /* Not done and due before @today. */
  guint      overdue;
  /* The earliest not done (borrowed from the follow-up), or NULL. */
  GDateTime *next_due;
} ConfianzaFollowUpTally;

/* Counts a plan's follow-ups (ConfianzaFollowUp); @today NULL = today. */
ConfianzaFollowUpTally confianza_recovery_tally_follow_ups (GPtrArray *follow_ups,
                                                            GDateTime *today);

/* The name of a step of the wizard ("Take the consequences"), or of the
 * outcome page for CONFIANZA_RECOVERY_STEP_OUTCOME and anything out of
 * range; translated. */
const char   *confianza_recovery_step_to_label       (int                 step);
/* Where a plan left on @step stands, in words: "Step 3 of 6 · Take the
 * consequences" for a step of the method, the outcome page's name after
 * them. @step out of range is clamped. */
char         *confianza_recovery_describe_step       (int                 step);

/*
 * How far a recovery plan has come, by the six steps of the method
 * (CONFIANZA_RECOVERY_METHOD_STEPS, the wizard's pages before the outcome):
 * the one definition of "step done" that the trust index, the reports and
 * the pages share. A step is done when:
 *  - listen: the client was invited to speak, or the error acknowledged;
 *  - apologise: the apology was made;
 *  - consequences: a compensation was given, or none is given (declined);
 *  - guarantee: its terms are written;
 *  - follow-up: at least one follow-up is done;
 *  - internal analysis: the root cause is written and the corrective
 *    measure applied ("corrective-applied-on": it counts from that day,
 *    not from the day its text was typed).
 * Only what was done by @as_of counts (NULL: everything recorded); what
 * has no date of its own (terms, causes, a declined compensation) counts
 * from the day the plan started. @follow_ups and @compensations may hold
 * other plans' records: only those with @plan's id count.
 */
typedef struct
{
  /* done[step] for each step of the method, and how many are done */
  gboolean               done[CONFIANZA_RECOVERY_METHOD_STEPS];
  guint                  n_done;
  /* What was done, for weighing it (borrowed; NULL when not done) */
  GDateTime             *acknowledged_on;
  GDateTime             *apologised_on;
  /* The first compensation given (the earliest; of a day, the first
   * listed) */
  ConfianzaCompensation *compensation;
  /* Follow-ups done on or before their due day, and after it; the day of
   * the last one done */
  guint                  follow_ups_on_time;
  guint                  follow_ups_late;
  GDateTime             *last_follow_up_on;
  gboolean               has_root_cause;
  gboolean               has_corrective_measure;
} ConfianzaRecoveryProgress;

ConfianzaRecoveryProgress confianza_recovery_get_progress (ConfianzaRecoveryPlan *plan,
                                                           GPtrArray             *follow_ups,
                                                           GPtrArray             *compensations,
                                                           GDateTime             *as_of);

/*
 * Whether @plan may be closed as recovered (source 001: trust comes back
 * only when the failure was owned and the client saw the change): its
 * acknowledgement and its apology are recorded and at least one of its
 * follow-ups (those of @follow_ups with @plan's id) is done. Otherwise
 * FALSE with a CONFIANZA_MODEL_ERROR_MISSING @error naming, in one
 * translated message, every step still missing.
 */
gboolean      confianza_recovery_may_recover         (ConfianzaRecoveryPlan  *plan,
                                                      GPtrArray              *follow_ups,
                                                      GError                **error);

/* What step 1's judgement means, in one translated paragraph (source 001:
 * the client "con lupa"; a hostile client may be let go). */
const char   *confianza_recovery_judgement_advice    (ConfianzaTrustJudgement judgement);

/*
 * A doubtful judgement asks for more care: the follow-up at least weekly
 * (every 7 days or more often; a schedule without a cadence gets one) and
 * twice as many times, when counted by times (at most
 * CONFIANZA_RECOVERY_MAX_FOLLOW_UPS). Changes @every_days and @times and
 * returns TRUE when they changed; other judgements change nothing. Apply
 * it once, when the judgement becomes doubtful.
 */
gboolean      confianza_recovery_judged_follow_up    (ConfianzaTrustJudgement  judgement,
                                                      int                     *every_days,
                                                      int                     *times);

/*
 * Whether the plan's corrective measure is still to apply and due within
 * @within_days of @today (NULL: today), or overdue: it has a text and a
 * due day and no day it was applied. A measure with no due day is never
 * listed. @overdue (may be NULL): due before @today. For Today's
 * "Medidas pendientes" and the Plans page.
 */
gboolean      confianza_recovery_measure_pending     (ConfianzaRecoveryPlan  *plan,
                                                      GDateTime              *today,
                                                      int                     within_days,
                                                      gboolean               *overdue);

/* How late a delivery may be before a recovery is offered (Preferences). */
#define CONFIANZA_RECOVERY_OFFER_LATE_DAYS 3

/*
 * The incident a failed promise stands for, to start its recovery plan
 * where the failure is felt: a broken promise (its reason kept in the
 * description), or one delivered more than @late_days days after its due
 * day. It happened on the due day, or @today (NULL: today) when that is
 * earlier; a late delivery happened on the day it was delivered. Returns
 * a new incident of the promise's client, not saved, or NULL when the
 * promise failed nobody (kept, still open, or only a little late).
 */
ConfianzaIncident *confianza_recovery_incident_for_promise (ConfianzaPromise *promise,
                                                            int               late_days,
                                                            GDateTime        *today);

/*
 * What the wizard checks before leaving @step (a ConfianzaRecoveryStep):
 * the plan's own validation for that page's fields, then the page's rules
 * (no date before the incident; a guarantee needs its terms and an end; a
 * schedule needs a cadence; an apology's words need its day …). Like the
 * model's validate functions, it names the invalid @property.
 */
gboolean      confianza_recovery_validate_step       (ConfianzaRecoveryPlan  *plan,
                                                      ConfianzaIncident      *incident,
                                                      int                     step,
                                                      const char            **property,
                                                      GError                **error);
/*
 * Step 3's rule (source 001: an apology alone is not enough): giving no
 * compensation ("compensation-declined") needs a reason
 * ("compensation-waiver"), and cannot be chosen while @compensations (the
 * plan's, may be NULL) lists one. A plan that gives a compensation needs
 * nothing more.
 */
gboolean      confianza_recovery_validate_consequences (ConfianzaRecoveryPlan  *plan,
                                                        GPtrArray              *compensations,
                                                        const char            **property,
                                                        GError                **error);
/* A compensation of the plan: the model's rules, and not given before the
 * incident happened. */
gboolean      confianza_recovery_validate_compensation (ConfianzaCompensation  *compensation,
                                                        ConfianzaIncident      *incident,
                                                        const char            **property,
                                                        GError                **error);

/* The step a plan property is edited on, or -1. */
int           confianza_recovery_step_of_property    (const char            *property);

/* The guarantee's promise title: the first line of @terms, at most 120
 * characters (cut at a word, with an ellipsis). */
char         *confianza_recovery_guarantee_title     (const char            *terms);

/*
 * Money typed by the user: "450", "450,5", "1.234,56", "1,234.56"; a
 * currency sign or letters are refused. The decimal separator is the last '.' or ',' followed
 * by one or two digits; other separators group thousands. Empty text is 0.
 */
gboolean      confianza_recovery_parse_amount        (const char            *text,
                                                      gint64                *cents,
                                                      GError               **error);
/* Money as the locale writes it: "1.234,56 €" in Spanish, "€1,234.56" in
 * English, "1234.56 EUR" in the C locale; currencies without a sign of their
 * own keep their code ("450,00 MXN"). Without a currency, just the number. */
char         *confianza_recovery_format_amount       (gint64                 cents,
                                                      const char            *currency);

G_END_DECLS
