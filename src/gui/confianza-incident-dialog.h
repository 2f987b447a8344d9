/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_INCIDENT_DIALOG (confianza_incident_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaIncidentDialog, confianza_incident_dialog, CONFIANZA, INCIDENT_DIALOG, ConfianzaDialog)

/* Records an incident of the client @client_id, or edits @incident when it
 * is not NULL. The cause category is picked from a list (the usual causes
 * and those used before) or typed. Says when the cause makes it systemic.
 * Emits "saved" with the stored incident, then closes. Nothing is written
 * before Save. */
ConfianzaIncidentDialog *confianza_incident_dialog_new (GtkWindow         *parent,
                                                        ConfianzaStore    *store,
                                                        gint64             client_id,
                                                        ConfianzaIncident *incident);

/* The sentence shown when @incident repeats a cause: for the client, or
 * across the portfolio; NULL when it is isolated. @incidents are every
 * client's (a store list with client id 0). */
char                    *confianza_incident_systemic_sentence (ConfianzaIncident *incident,
                                                               GListModel        *incidents);

G_END_DECLS
