/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Shared only by the files of the trust index, inside src/model/:
 *  - confianza-trust.c          the index: its weights and how each event
 *                               is weighed;
 *  - confianza-trust-explain.c  the explanation: each event in words, the
 *                               points rounded to add up, their order;
 *  - confianza-trust-history.c  the index month by month, for the chart;
 *  - confianza-buffer.c         the margin and the safe due date, counted
 *                               in days like the index.
 * Nothing outside these files includes it.
 */

#include "confianza-recovery.h"
#include "confianza-trust.h"

G_BEGIN_DECLS

/* The index of @input as of @as_of into @trust (zeroed by the caller),
 * with the explanation's events when @explain. @now is the day the index
 * is asked on: a promise marked broken before its due date counts as
 * broken from then, which a point of the history before it must not see. */
G_GNUC_INTERNAL
void    confianza_trust_compute_as_of           (const ConfianzaTrustInput    *input,
                                                 GDateTime                    *as_of,
                                                 GDateTime                    *now,
                                                 ConfianzaTrust               *trust,
                                                 gboolean                      explain);

/* The day number (confianza_date_day_number ()) the relationship started:
 * the client's "since", or the earliest record, or @fallback_day when
 * there is none. */
G_GNUC_INTERNAL
int     confianza_trust_relationship_start      (const ConfianzaTrustInput    *input,
                                                 int                           fallback_day);

/* qsort () order of two day numbers (confianza_date_day_number ()) or
 * other ints. */
G_GNUC_INTERNAL
int     confianza_trust_compare_days            (gconstpointer                 a,
                                                 gconstpointer                 b);

/* The explanation's events: an array of ConfianzaTrustEvent that frees
 * their dates and descriptions. */
G_GNUC_INTERNAL
GArray *confianza_trust_events_new              (guint                         reserved);

/* Rounds every event's points so that the integers add up exactly to
 * @target (score − 50). */
G_GNUC_INTERNAL
void    confianza_trust_round_points            (GArray                       *events,
                                                 int                           target);

/* Each event in words, translated; new strings. */
G_GNUC_INTERNAL
char   *confianza_trust_describe_promise        (ConfianzaPromise             *promise,
                                                 const ConfianzaPromiseResult *result,
                                                 gboolean                      marked_broken,
                                                 gboolean                      renegotiated);
G_GNUC_INTERNAL
char   *confianza_trust_describe_renegotiation  (ConfianzaPromise             *promise,
                                                 ConfianzaPromiseStep         *step);
G_GNUC_INTERNAL
char   *confianza_trust_describe_quick_win      (ConfianzaQuickWin            *quick_win);
G_GNUC_INTERNAL
char   *confianza_trust_describe_incident       (ConfianzaIncident            *incident,
                                                 gboolean                      early,
                                                 guint                         kept_before,
                                                 gboolean                      cushioned,
                                                 gboolean                      systemic);
/* The recovery steps the index weighs: @days after the incident. */
G_GNUC_INTERNAL
char   *confianza_trust_describe_acknowledgement (int                          days);
G_GNUC_INTERNAL
char   *confianza_trust_describe_apology        (int                           days);
G_GNUC_INTERNAL
char   *confianza_trust_describe_compensation   (ConfianzaCompensation        *compensation);
G_GNUC_INTERNAL
char   *confianza_trust_describe_follow_ups     (guint                         on_time,
                                                 guint                         late);
G_GNUC_INTERNAL
char   *confianza_trust_describe_analysis       (gboolean                      root_cause,
                                                 gboolean                      corrective_measure);

G_END_DECLS
