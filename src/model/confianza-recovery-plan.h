/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-enums.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_RECOVERY_PLAN (confianza_recovery_plan_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRecoveryPlan, confianza_recovery_plan, CONFIANZA, RECOVERY_PLAN, GObject)

/*
 * One plan per incident; the steps follow source 001.
 *
 * Properties (all dates GDateTime, nullable unless said otherwise):
 *   "id", "client-id", "incident-id" (gint64)
 *   "started-on" (GDateTime, not nullable)
 *   "step" (int, 0–6: the wizard page a draft was left on)
 *   1 Listen first:     "client-said" (string), "invited-to-speak-on",
 *                       "acknowledged-on", "trust-judgement"
 *                       (ConfianzaTrustJudgement: can trust come back?)
 *   2 Apologise:        "apologised-on", "apology-channel" (ConfianzaChannel),
 *                       "apologised-by" (string), "apology-words" (string)
 *   3 Consequences:     compensations are ConfianzaCompensation rows;
 *                       "compensation-declined" (gboolean: none is given),
 *                       "compensation-waiver" (ConfianzaCompensationWaiver:
 *                       why none; required for new plans, see
 *                       confianza_recovery_validate_consequences ())
 *   4 Guarantee:        "guarantee-terms" (string), "guarantee-until",
 *                       "guarantee-promise-id" (gint64, the promise that
 *                       tracks it, 0 = none)
 *   5 Follow-up:        "follow-up-every-days" (int), "follow-up-until",
 *                       "follow-up-times" (int, used when until is NULL)
 *   6 Internal:         "root-cause", "corrective-measure",
 *                       "corrective-owner" (strings), "corrective-due",
 *                       "corrective-applied-on" (the day the measure was
 *                       applied: only then does it count)
 *   Outcome:            "outcome" (ConfianzaPlanOutcome), "outcome-reason"
 *                       (string; required to let a client go), "closed-on"
 */

ConfianzaRecoveryPlan *confianza_recovery_plan_new  (gint64                  client_id,
                                                     gint64                  incident_id,
                                                     GDateTime              *started_on);
ConfianzaRecoveryPlan *confianza_recovery_plan_copy (ConfianzaRecoveryPlan  *self);

#define CONFIANZA_RECOVERY_PLAN_STRING_PROP(name) \
  const char *confianza_recovery_plan_get_##name (ConfianzaRecoveryPlan *self); \
  void        confianza_recovery_plan_set_##name (ConfianzaRecoveryPlan *self, const char *value);
#define CONFIANZA_RECOVERY_PLAN_DATE_PROP(name) \
  GDateTime  *confianza_recovery_plan_get_##name (ConfianzaRecoveryPlan *self); \
  void        confianza_recovery_plan_set_##name (ConfianzaRecoveryPlan *self, GDateTime *value);

gint64                 confianza_recovery_plan_get_id          (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_id          (ConfianzaRecoveryPlan *self,
                                                                gint64                 id);
gint64                 confianza_recovery_plan_get_client_id   (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_client_id   (ConfianzaRecoveryPlan *self,
                                                                gint64                 client_id);
gint64                 confianza_recovery_plan_get_incident_id (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_incident_id (ConfianzaRecoveryPlan *self,
                                                                gint64                 incident_id);
int                    confianza_recovery_plan_get_step        (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_step        (ConfianzaRecoveryPlan *self,
                                                                int                    step);
ConfianzaChannel       confianza_recovery_plan_get_apology_channel (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_apology_channel (ConfianzaRecoveryPlan *self,
                                                                    ConfianzaChannel       channel);
gboolean               confianza_recovery_plan_get_compensation_declined (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_compensation_declined (ConfianzaRecoveryPlan *self,
                                                                          gboolean               declined);
ConfianzaCompensationWaiver confianza_recovery_plan_get_compensation_waiver (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_compensation_waiver (ConfianzaRecoveryPlan       *self,
                                                                        ConfianzaCompensationWaiver  waiver);
ConfianzaTrustJudgement confianza_recovery_plan_get_trust_judgement (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_trust_judgement (ConfianzaRecoveryPlan   *self,
                                                                    ConfianzaTrustJudgement  judgement);
gint64                 confianza_recovery_plan_get_guarantee_promise_id (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_guarantee_promise_id (ConfianzaRecoveryPlan *self,
                                                                         gint64                 promise_id);
int                    confianza_recovery_plan_get_follow_up_every_days (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_follow_up_every_days (ConfianzaRecoveryPlan *self,
                                                                         int                    days);
int                    confianza_recovery_plan_get_follow_up_times (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_follow_up_times (ConfianzaRecoveryPlan *self,
                                                                    int                    times);
ConfianzaPlanOutcome   confianza_recovery_plan_get_outcome     (ConfianzaRecoveryPlan *self);
void                   confianza_recovery_plan_set_outcome     (ConfianzaRecoveryPlan *self,
                                                                ConfianzaPlanOutcome   outcome);

CONFIANZA_RECOVERY_PLAN_DATE_PROP (started_on)
CONFIANZA_RECOVERY_PLAN_STRING_PROP (client_said)
CONFIANZA_RECOVERY_PLAN_DATE_PROP (invited_to_speak_on)
CONFIANZA_RECOVERY_PLAN_DATE_PROP (acknowledged_on)
CONFIANZA_RECOVERY_PLAN_DATE_PROP (apologised_on)
CONFIANZA_RECOVERY_PLAN_STRING_PROP (apologised_by)
CONFIANZA_RECOVERY_PLAN_STRING_PROP (apology_words)
CONFIANZA_RECOVERY_PLAN_STRING_PROP (guarantee_terms)
CONFIANZA_RECOVERY_PLAN_DATE_PROP (guarantee_until)
CONFIANZA_RECOVERY_PLAN_DATE_PROP (follow_up_until)
CONFIANZA_RECOVERY_PLAN_STRING_PROP (root_cause)
CONFIANZA_RECOVERY_PLAN_STRING_PROP (corrective_measure)
CONFIANZA_RECOVERY_PLAN_STRING_PROP (corrective_owner)
CONFIANZA_RECOVERY_PLAN_DATE_PROP (corrective_due)
CONFIANZA_RECOVERY_PLAN_DATE_PROP (corrective_applied_on)
CONFIANZA_RECOVERY_PLAN_STRING_PROP (outcome_reason)
CONFIANZA_RECOVERY_PLAN_DATE_PROP (closed_on)

#undef CONFIANZA_RECOVERY_PLAN_STRING_PROP
#undef CONFIANZA_RECOVERY_PLAN_DATE_PROP

gboolean               confianza_recovery_plan_validate        (ConfianzaRecoveryPlan  *self,
                                                                const char           **property,
                                                                GError                **error);

G_END_DECLS
