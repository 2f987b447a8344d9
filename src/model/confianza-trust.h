/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-client.h"
#include "confianza-compensation.h"
#include "confianza-follow-up.h"
#include "confianza-incident.h"
#include "confianza-promise.h"
#include "confianza-promise-step.h"
#include "confianza-quick-win.h"
#include "confianza-recovery-plan.h"

G_BEGIN_DECLS

/*
 * The trust index, in plain words
 * ===============================
 *
 * Every client starts at 50, the middle: a client with no history is
 * neutral. Each thing that happened with the client then adds or takes away
 * points:
 *
 *  - A promise kept on time adds 1 point; one overdelivered (early, more
 *    than promised, or with extras) adds 1.25: only a little more, because
 *    clients barely reward exceeding a promise (Gneezy & Epley 2014).
 *  - A promise delivered late takes away 2.5 points plus 0.2 for each day
 *    late (at most 4.5); a promise still overdue counts the same way for the
 *    days it has been overdue so far. A broken promise (marked broken, or
 *    delivered short of the promised quantity) takes away 5 points: five
 *    times what keeping one earns.
 *  - A promise whose date was renegotiated in time (the client was told
 *    on or before the old date, and agreed) is judged against its new
 *    date: delivered on it, it is kept. Each such renegotiation takes away
 *    0.5 points on the day the client was told: a fifth of the least a
 *    late delivery costs, while keeping the new date still earns what
 *    keeping earns. A new date told after the old one passed, or not
 *    agreed, moves nothing: the promise stays late against its date
 *    (confianza-ledger.h).
 *  - A quick win shared with the client adds 0.5 points.
 *  - An incident takes away 2 (minor), 5 (serious) or 10 (critical) points,
 *    times 1 when it was our responsibility, 0.6 when shared and 0.3 when
 *    external. It weighs up to twice as much when it happens at the very
 *    start of the relationship; that extra halves every 90 days of
 *    relationship, so by the end of the first year it is almost gone. When
 *    another incident with the same cause happened in the 12 months before
 *    it, the problem is systemic and the incident weighs 1.5 times as much
 *    (confianza_recovery_is_systemic (): 365 days; of two the same day,
 *    the one recorded second is the repeat).
 *  - Long relationships cushion failures: every promise kept (or
 *    overdelivered) builds 1 point of goodwill, which ages like the promise.
 *    Incidents, oldest first, use up the goodwill built before them, each
 *    at most for half its weight. A promise's goodwill is spent only once,
 *    so keeping a promise never earns more than 2.25 points in all, still
 *    far less than the 5 a broken one costs.
 *  - A recovery plan gives back part of its incident's points: up to 10 %
 *    for acknowledging the error and up to 20 % for apologising, both more
 *    the sooner they came (the bonus beyond a quarter of it halves every 3
 *    days); 10 % for compensation given, plus up to another 10 % when the
 *    apology was slow or missing (compensation matters most in mixed cases,
 *    Wirtz & Mattila 2004); 5 % per follow-up done on time and 2.5 % per
 *    follow-up done late (at most 15 %); 5 % for finding the root cause and
 *    5 % for a corrective measure. For a repeated (systemic) incident the
 *    recovery gives back half as much: a good recovery helps after a first
 *    failure, not after a second (Maxham & Netemeyer 2002). A recovery never
 *    gives back more than 65 % of what its incident took (after goodwill).
 *  - Recent events weigh more: every event's points halve every 180 days
 *    (a recovery ages with its incident).
 *
 * All the points are added up into a sum S, and the index is
 * 50 + 50 × tanh (S / 15): it moves quickly near the middle and ever more
 * slowly near the ends, so it always stays between 0 and 100. About ten
 * recent kept promises give 80; one recent broken promise gives 34.
 *
 * The explanation shares the distance from 50 among the events in
 * proportion to their points, so the points shown add up to the index
 * minus 50. Levels: low below 40, medium from 40 to 69, high from 70.
 */

typedef enum
{
  CONFIANZA_TRUST_LEVEL_LOW,
  CONFIANZA_TRUST_LEVEL_MEDIUM,
  CONFIANZA_TRUST_LEVEL_HIGH,
} ConfianzaTrustLevel;

#define CONFIANZA_TRUST_NEUTRAL 50.0

typedef enum
{
  CONFIANZA_TRUST_EVENT_PROMISE,
  CONFIANZA_TRUST_EVENT_QUICK_WIN,
  CONFIANZA_TRUST_EVENT_INCIDENT,
  CONFIANZA_TRUST_EVENT_RECOVERY,
} ConfianzaTrustEventKind;

typedef enum
{
  /* Largest absolute impact first; ties, the most recent first. */
  CONFIANZA_TRUST_ORDER_IMPACT,
  /* Most recent first; ties, the largest impact first. */
  CONFIANZA_TRUST_ORDER_DATE,
} ConfianzaTrustOrder;

/*
 * What the index is computed from. The caller owns everything and fills the
 * struct on the stack ({ 0 } first); the functions only read it. Every
 * array may be NULL (= empty) and holds the records of one client: nothing
 * is filtered by client id. Recovery plans are matched to incidents by
 * incident id, follow-ups and compensations to plans by plan id.
 *
 * @client gives the start of the relationship ("since"). When it is NULL or
 * has no start, the earliest record of any kind is taken as the start (so
 * then adding an older record makes the relationship longer and its
 * incidents lighter).
 *
 * @today is the day the index is computed for (a date from
 * confianza-date.h); NULL means today. Records dated after it are ignored.
 */
typedef struct
{
  ConfianzaClient *client;
  GPtrArray       *promises;       /* ConfianzaPromise */
  GPtrArray       *quick_wins;     /* ConfianzaQuickWin */
  GPtrArray       *incidents;      /* ConfianzaIncident */
  GPtrArray       *plans;          /* ConfianzaRecoveryPlan */
  GPtrArray       *follow_ups;     /* ConfianzaFollowUp */
  GPtrArray       *compensations;  /* ConfianzaCompensation */
  GDateTime       *today;
  /* ConfianzaPromiseStep: the promises' histories, in the order they were
   * made (matched to promises by promise id). Promises hold their agreed
   * date already; the steps say what the renegotiations cost. */
  GPtrArray       *steps;
} ConfianzaTrustInput;

/* Releases what an input holds (for inputs that own their client, arrays
 * and date, such as the store's confianza_store_load_history ()) and zeroes it. */
void confianza_trust_input_clear (ConfianzaTrustInput *input);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ConfianzaTrustInput, confianza_trust_input_clear)

/* One line of the explanation. */
typedef struct
{
  ConfianzaTrustEventKind kind;
  /* The promise (also for a renegotiation of its date), quick win or
   * incident; for a recovery, the plan. */
  gint64                  record_id;
  /* When it happened (for an overdue promise: today). */
  GDateTime              *date;
  /* Signed points after weighting and ageing, before the 0–100 mapping. */
  double                  raw;
  /* Signed index points: all the events' points add up to value − 50. */
  double                  points;
  /* The same, rounded so that they add up exactly to score − 50. */
  int                     rounded_points;
  /* A translated sentence: "Promise “Logo” kept on time". */
  char                   *description;
} ConfianzaTrustEvent;

typedef struct
{
  /* The index, 0–100, and its rounded value for display. */
  double               value;
  int                  score;
  ConfianzaTrustLevel  level;
  /* The sum S of the events' raw points. */
  double               raw_sum;
  /* An incident repeated a cause within 12 months
   * (confianza_recovery_is_systemic ()). */
  gboolean             systemic;
  /* Closed promises as of today, by outcome. */
  guint                n_kept;
  guint                n_overdelivered;
  guint                n_late;
  guint                n_broken;
  guint                n_overdue;
  /* ConfianzaTrustEvent, by impact (see confianza_trust_sort_events ()). */
  GArray              *events;
} ConfianzaTrust;

/* A point of the index history. */
typedef struct
{
  GDateTime *date;
  double     value;
} ConfianzaTrustPoint;

#define CONFIANZA_TYPE_TRUST       (confianza_trust_get_type ())
#define CONFIANZA_TYPE_TRUST_LEVEL (confianza_trust_level_get_type ())

GType                confianza_trust_get_type          (void) G_GNUC_CONST;
GType                confianza_trust_level_get_type    (void) G_GNUC_CONST;

/* The index (0–100, not rounded) without building the explanation: no
 * allocation but a scratch array when there are incidents. */
double               confianza_trust_score             (const ConfianzaTrustInput *input);

/* The index with its explanation. */
ConfianzaTrust      *confianza_trust_compute           (const ConfianzaTrustInput *input);
ConfianzaTrust      *confianza_trust_copy              (const ConfianzaTrust      *trust);
void                 confianza_trust_free              (ConfianzaTrust            *trust);
void                 confianza_trust_sort_events       (ConfianzaTrust            *trust,
                                                        ConfianzaTrustOrder        order);

/* The index at the end of each month from @from to @to, and at @to itself:
 * an array of ConfianzaTrustPoint that frees its dates. @from NULL = the
 * start of the relationship, @to NULL = input->today. */
GArray              *confianza_trust_history           (const ConfianzaTrustInput *input,
                                                        GDateTime                 *from,
                                                        GDateTime                 *to);

ConfianzaTrustLevel  confianza_trust_level_for_score   (int                        score);
/* "Low", "Medium", "High", translated. */
const char          *confianza_trust_level_to_label    (ConfianzaTrustLevel        level);
/* A libadwaita style class for the coloured level: "error", "warning",
 * "success". */
const char          *confianza_trust_level_to_css_class (ConfianzaTrustLevel       level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfianzaTrust, confianza_trust_free)

G_END_DECLS
