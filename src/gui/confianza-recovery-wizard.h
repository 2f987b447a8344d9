/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_RECOVERY_WIZARD (confianza_recovery_wizard_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRecoveryWizard, confianza_recovery_wizard, CONFIANZA, RECOVERY_WIZARD, AdwWindow)

/*
 * The recovery plan of @incident, one page per step of source 001 and a
 * last page for the outcome. Opens the incident's plan where its draft was
 * left, or starts one. Nothing is written until the user moves to another
 * page, saves and closes, or closes the window (Escape too): then the plan
 * is saved as a draft with the page it was left on, with its compensations,
 * its guarantee (also a promise to the client) and its follow-ups. A store
 * error is said in words and the wizard stays open.
 *
 * Signals: "saved" (ConfianzaRecoveryPlan) after every save; "finished"
 * (ConfianzaRecoveryPlan) when the user finishes on the outcome page, just
 * before the wizard closes. When the outcome lets the client go, the
 * client's status becomes "let go" with the reason; whoever opened the
 * wizard then offers confianza_recovery_offer_farewell ().
 */
ConfianzaRecoveryWizard *confianza_recovery_wizard_new  (GtkWindow               *parent,
                                                         ConfianzaStore          *store,
                                                         ConfianzaIncident       *incident);
ConfianzaRecoveryPlan   *confianza_recovery_wizard_get_plan (ConfianzaRecoveryWizard *self);

/* The name of a step ("Take the consequences"), or of the outcome page. */
const char              *confianza_recovery_step_title  (int                      step);

/* How fast the plan went and how the follow-ups were kept, in words:
 * "Acknowledged 1 day after the incident · apologised 2 days after",
 * then "3 of 9 follow-ups kept on time · next 12/03/2026". @follow_ups
 * (ConfianzaFollowUp) may be NULL. */
char                    *confianza_recovery_timing_text (ConfianzaIncident       *incident,
                                                         ConfianzaRecoveryPlan   *plan,
                                                         GPtrArray               *follow_ups);

/*
 * After a client was let go: offers to export their report and to erase
 * their data (after a second confirmation). @widget is inside the main
 * window, where the export's toast goes; erasing activates @erase_action
 * on it (such as "win.delete-client", which offers Undo) or, when it is
 * NULL, erases from the store at once.
 */
void                     confianza_recovery_offer_farewell (GtkWidget          *widget,
                                                            ConfianzaStore     *store,
                                                            ConfianzaClient    *client,
                                                            const char         *erase_action);

G_END_DECLS
