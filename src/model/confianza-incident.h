/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-enums.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_INCIDENT (confianza_incident_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaIncident, confianza_incident, CONFIANZA, INCIDENT, GObject)

/* Properties: "id", "client-id" (gint64), "happened-on" (GDateTime),
 * "description" (what went wrong, as the client lived it), "severity"
 * (ConfianzaSeverity), "responsibility" (ConfianzaResponsibility),
 * "cause" (cause category, free text from a user-editable list). */

ConfianzaIncident      *confianza_incident_new                (gint64                    client_id,
                                                               GDateTime                *happened_on,
                                                               const char               *description);
ConfianzaIncident      *confianza_incident_copy               (ConfianzaIncident        *self);

gint64                  confianza_incident_get_id             (ConfianzaIncident        *self);
void                    confianza_incident_set_id             (ConfianzaIncident        *self,
                                                               gint64                    id);
gint64                  confianza_incident_get_client_id      (ConfianzaIncident        *self);
void                    confianza_incident_set_client_id      (ConfianzaIncident        *self,
                                                               gint64                    client_id);
GDateTime              *confianza_incident_get_happened_on    (ConfianzaIncident        *self);
void                    confianza_incident_set_happened_on    (ConfianzaIncident        *self,
                                                               GDateTime                *date);
const char             *confianza_incident_get_description    (ConfianzaIncident        *self);
void                    confianza_incident_set_description    (ConfianzaIncident        *self,
                                                               const char               *text);
ConfianzaSeverity       confianza_incident_get_severity       (ConfianzaIncident        *self);
void                    confianza_incident_set_severity       (ConfianzaIncident        *self,
                                                               ConfianzaSeverity         severity);
ConfianzaResponsibility confianza_incident_get_responsibility (ConfianzaIncident        *self);
void                    confianza_incident_set_responsibility (ConfianzaIncident        *self,
                                                               ConfianzaResponsibility   responsibility);
const char             *confianza_incident_get_cause          (ConfianzaIncident        *self);
void                    confianza_incident_set_cause          (ConfianzaIncident        *self,
                                                               const char               *cause);

gboolean                confianza_incident_validate           (ConfianzaIncident        *self,
                                                               const char             **property,
                                                               GError                  **error);

G_END_DECLS
