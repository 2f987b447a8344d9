/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-incident.h"
#include "confianza-recovery-plan.h"

G_BEGIN_DECLS

/* A recovery plan in words, for the wizard, the client page and the plans
 * page. */

/* The name of a step ("Take the consequences"), or of the outcome page. */
const char *confianza_recovery_step_title  (int                    step);

/* How fast the plan went and how the follow-ups were kept, in words:
 * "Acknowledged 1 day after the incident · apologised 2 days after",
 * then "3 of 9 follow-ups kept on time · next 12/03/2026". @follow_ups
 * (ConfianzaFollowUp) may be NULL. */
char       *confianza_recovery_timing_text (ConfianzaIncident     *incident,
                                            ConfianzaRecoveryPlan *plan,
                                            GPtrArray             *follow_ups);

G_END_DECLS
