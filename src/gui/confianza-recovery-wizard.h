/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_RECOVERY_WIZARD (confianza_recovery_wizard_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRecoveryWizard, confianza_recovery_wizard, CONFIANZA, RECOVERY_WIZARD, ConfianzaDialog)

/*
 * The recovery plan of @incident, one page per step of source 001 and a
 * last page for the outcome. Opens the incident's plan where its draft was
 * left, or starts one. Nothing is written until the user moves to another
 * page, saves and closes, or closes the window (Escape too): then the plan
 * is saved as a draft with the page it was left on, with its compensations,
 * its guarantee (also a promise to the client) and its follow-ups. A store
 * error is said in words and the wizard stays open.
 *
 * One page a step (ConfianzaWizardPage); the wizard only moves between
 * them and saves through confianza_store_save_recovery ().
 *
 * Signals: "saved" (ConfianzaRecoveryPlan) after every save; "finished"
 * (ConfianzaRecoveryPlan) when the user finishes on the outcome page, just
 * before the wizard closes. When the outcome lets the client go, the
 * client's status becomes "let go" with the reason; whoever opened the
 * wizard then offers confianza_farewell_offer ().
 */
ConfianzaRecoveryWizard *confianza_recovery_wizard_new  (GtkWindow               *parent,
                                                         ConfianzaStore          *store,
                                                         ConfianzaIncident       *incident);
ConfianzaRecoveryPlan   *confianza_recovery_wizard_get_plan (ConfianzaRecoveryWizard *self);

G_END_DECLS
