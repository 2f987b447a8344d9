/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

/*
 * Starting a recovery plan where the failure is felt (source 001: act
 * while the client still feels it).
 */

/* Opens the recovery wizard of @incident, its plan where it was left or a
 * new one; when the plan lets the client go, offers the farewell. */
void confianza_recovery_start_open  (GtkWindow         *parent,
                                     ConfianzaStore    *store,
                                     ConfianzaIncident *incident);

/* After @promise was saved as broken, or delivered later than the
 * Preferences' "recovery-offer-late-days" allow: offers to start a plan.
 * "Start Recovery Plan" records the incident
 * (confianza_recovery_incident_for_promise ()) and opens the wizard; "Not
 * Now" records nothing. Does nothing for a promise that failed nobody. */
void confianza_recovery_start_offer (GtkWindow         *parent,
                                     ConfianzaStore    *store,
                                     ConfianzaPromise  *promise);

/* After @incident was recorded: offers to start its plan (nothing when it
 * has one already). */
void confianza_recovery_start_offer_incident (GtkWindow         *parent,
                                              ConfianzaStore    *store,
                                              ConfianzaIncident *incident);

/* Makes @dialog, a ConfianzaDialog saving a promise (delivered or broken)
 * or a new incident, offer the plan once it saved. */
void confianza_recovery_start_watch (GtkWindow         *dialog);

/* "New Recovery Plan…": the user picks one of the incidents without a plan
 * (any client's, newest first) and its wizard opens; without any, the
 * dialog says where incidents are recorded. */
void confianza_recovery_start_choose (GtkWindow         *parent,
                                      ConfianzaStore    *store);

/* "Something Went Wrong…" on a client: records the incident (its dialog)
 * and goes straight into its recovery wizard. */
void confianza_recovery_start_something_wrong (GtkWindow      *parent,
                                               ConfianzaStore *store,
                                               gint64          client_id);

G_END_DECLS
