/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "confianza-enums.h"

G_BEGIN_DECLS

/*
 * A promise's outcome, as a pure function of what is known about it:
 *  - broken:        marked broken, or delivered short of the promised quantity;
 *  - late:          delivered after the due date;
 *  - overdelivered: delivered on time and with more than promised (at least
 *                   a day early, a larger quantity, or extras);
 *  - kept:          delivered on the due date with what was promised;
 *  - overdue:       not delivered, and the due date has passed;
 *  - open:          not delivered, due today or later.
 */
typedef struct
{
  ConfianzaOutcome outcome;
  /* Days between due date and delivery: > 0 early, < 0 late, 0 on the day.
   * For open/overdue promises: days left until due (< 0 when overdue). */
  int              days_early;
  /* delivered / promised quantity; 0 when there is no quantity to compare. */
  double           quantity_ratio;
  /* Days after the due date: how late it was delivered, or for an overdue
   * promise how long it has been overdue so far; 0 when not late. */
  int              days_late;
} ConfianzaPromiseResult;

/* The rule on values. A promise's own outcome is
 * confianza_promise_get_result (); this is for judging what a promise was
 * on some past day (the trust index's history). */
ConfianzaPromiseResult confianza_rules_promise_outcome (GDateTime  *due_on,
                                                        GDateTime  *delivered_on,
                                                        gboolean    broken,
                                                        gboolean    has_quantity,
                                                        double      promised_quantity,
                                                        double      delivered_quantity,
                                                        const char *extras,
                                                        GDateTime  *today);

/* A promise that has been settled (delivered or broken) rather than pending. */
gboolean               confianza_outcome_is_closed     (ConfianzaOutcome outcome);
/* Settled on time: kept or overdelivered. */
gboolean               confianza_outcome_is_on_time    (ConfianzaOutcome outcome);

/*
 * Promises counted by outcome (n[] is indexed by ConfianzaOutcome; fill
 * the struct with { { 0 } } and confianza_outcome_counts_add ()). The
 * on-time rate is the share of settled promises (delivered or broken:
 * confianza_outcome_is_closed ()) that were kept or overdelivered; open
 * and overdue promises are not in it.
 */
#define CONFIANZA_N_OUTCOMES (CONFIANZA_OUTCOME_BROKEN + 1)

typedef struct
{
  guint n[CONFIANZA_N_OUTCOMES];
} ConfianzaOutcomeCounts;

void                   confianza_outcome_counts_add    (ConfianzaOutcomeCounts       *counts,
                                                        ConfianzaOutcome              outcome);
guint                  confianza_outcome_counts_total  (const ConfianzaOutcomeCounts *counts);
guint                  confianza_outcome_counts_settled (const ConfianzaOutcomeCounts *counts);
guint                  confianza_outcome_counts_on_time (const ConfianzaOutcomeCounts *counts);
/* On time, of the promises settled or overdue: a promise overdue and still
 * undelivered is already not on time. 0–1, or NAN when there are none (no
 * rate, rather than 0 %). */
double                 confianza_outcome_counts_on_time_rate (const ConfianzaOutcomeCounts *counts);

/* Days from the last contact (or, without one, from the start of the
 * relationship) to @today; -1 when neither is known. */
int                    confianza_rules_days_since_contact (GDateTime *last_contact,
                                                           GDateTime *since,
                                                           GDateTime *today);
/* The client is due a call: more than @cadence_days without contact. */
gboolean               confianza_rules_needs_contact   (GDateTime  *last_contact,
                                                        GDateTime  *since,
                                                        int         cadence_days,
                                                        GDateTime  *today);

/*
 * The status the facts give a client, which the store applies unless the
 * user set the status by hand ("status-manual"):
 *  - lost and let go are the user's decisions: never changed;
 *  - a recovery plan in progress: recovering;
 *  - otherwise an open incident (one without a recovery plan) or a trust
 *    index below CONFIANZA_STATUS_AT_RISK_BELOW: at risk;
 *  - otherwise a plan that ended recovered: recovered;
 *  - otherwise active.
 * @trust_score is the rounded index, or -1 when not known (then it puts no
 * one at risk).
 */
#define CONFIANZA_STATUS_AT_RISK_BELOW 40

ConfianzaClientStatus  confianza_rules_suggest_status  (ConfianzaClientStatus  current_status,
                                                        int                    trust_score,
                                                        gboolean               has_open_incident_without_plan,
                                                        gboolean               has_plan_in_progress,
                                                        gboolean               has_recovered_plan);

/* NULL, "" and white space only are all "nothing written". Text that is
 * not valid UTF-8 is not blank (it is reported as unreadable instead). */
gboolean               confianza_rules_text_is_blank   (const char  *text);

/* Two kinds of promise, or two causes of incidents, are the same category:
 * equal trimmed and without case, without allocating. NULL equals "". */
gboolean               confianza_rules_same_category   (const char  *a,
                                                        const char  *b);

/* Shared text validation: valid UTF-8, at most @max_chars characters, and
 * (when @empty_message is not NULL) not empty or blank, failing with
 * @empty_message, a whole translated sentence ("Write the client's name."). */
gboolean               confianza_rules_check_text      (const char  *text,
                                                        gsize        max_chars,
                                                        const char  *empty_message,
                                                        GError     **error);
gboolean               confianza_rules_check_email     (const char  *email,
                                                        GError     **error);
gboolean               confianza_rules_check_currency  (const char  *code,
                                                        GError     **error);

G_END_DECLS
