/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-incident.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaIncident
{
  GObject                  parent_instance;

  gint64                   id;
  gint64                   client_id;
  GDateTime               *happened_on;
  char                    *description;
  ConfianzaSeverity        severity;
  ConfianzaResponsibility  responsibility;
  char                    *cause;
};

G_DEFINE_FINAL_TYPE (ConfianzaIncident, confianza_incident, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_HAPPENED_ON,
  PROP_DESCRIPTION,
  PROP_SEVERITY,
  PROP_RESPONSIBILITY,
  PROP_CAUSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaIncident, id) },
  { PROP_CLIENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaIncident, client_id) },
  { PROP_HAPPENED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaIncident, happened_on) },
  { PROP_DESCRIPTION, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaIncident, description) },
  { PROP_CAUSE, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaIncident, cause) },
};

/* Helpers */

/* GObject */

static void
confianza_incident_finalize (GObject *object)
{
  ConfianzaIncident *self = CONFIANZA_INCIDENT (object);

  g_clear_pointer (&self->happened_on, g_date_time_unref);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->cause, g_free);

  G_OBJECT_CLASS (confianza_incident_parent_class)->finalize (object);
}

static void
confianza_incident_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ConfianzaIncident *self = CONFIANZA_INCIDENT (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_RESPONSIBILITY:
      g_value_set_enum (value, self->responsibility);
      break;

    default:
      confianza_record_get_property (object, prop_id, value, pspec);
    }
}

static void
confianza_incident_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ConfianzaIncident *self = CONFIANZA_INCIDENT (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      confianza_incident_set_severity (self, g_value_get_enum (value));
      break;

    case PROP_RESPONSIBILITY:
      confianza_incident_set_responsibility (self, g_value_get_enum (value));
      break;

    default:
      confianza_record_set_property (object, prop_id, value, pspec);
    }
}

static void
confianza_incident_class_init (ConfianzaIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_incident_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));
  object_class->get_property = confianza_incident_get_property;
  object_class->set_property = confianza_incident_set_property;

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_CLIENT_ID] = confianza_record_param_id ("client-id");

  properties[PROP_HAPPENED_ON] = confianza_record_param_date ("happened-on");

  properties[PROP_DESCRIPTION] = confianza_record_param_text ("description", "");

  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       CONFIANZA_TYPE_SEVERITY, CONFIANZA_SEVERITY_MINOR,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_RESPONSIBILITY] =
    g_param_spec_enum ("responsibility", NULL, NULL,
                       CONFIANZA_TYPE_RESPONSIBILITY, CONFIANZA_RESPONSIBILITY_OURS,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_CAUSE] = confianza_record_param_text ("cause", "");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_incident_init (ConfianzaIncident *self)
{
  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->description = g_strdup ("");
  self->cause = g_strdup ("");
}

/* Public API */

ConfianzaIncident *
confianza_incident_new (gint64      client_id,
                        GDateTime  *happened_on,
                        const char *description)
{
  return g_object_new (CONFIANZA_TYPE_INCIDENT,
                       "client-id", client_id,
                       "happened-on", happened_on,
                       "description", description,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaIncident *
confianza_incident_copy (ConfianzaIncident *self)
{
  ConfianzaIncident *copy;

  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_INCIDENT, NULL);
  copy->id = self->id;
  copy->client_id = self->client_id;
  copy->happened_on = self->happened_on != NULL ? g_date_time_ref (self->happened_on) : NULL;
  g_free (copy->description);
  copy->description = g_strdup (self->description);
  copy->severity = self->severity;
  copy->responsibility = self->responsibility;
  g_free (copy->cause);
  copy->cause = g_strdup (self->cause);

  return copy;
}

gint64
confianza_incident_get_id (ConfianzaIncident *self)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), 0);

  return self->id;
}

void
confianza_incident_set_id (ConfianzaIncident *self,
                           gint64             id)
{
  g_return_if_fail (CONFIANZA_IS_INCIDENT (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

gint64
confianza_incident_get_client_id (ConfianzaIncident *self)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), 0);

  return self->client_id;
}

void
confianza_incident_set_client_id (ConfianzaIncident *self,
                                  gint64             client_id)
{
  g_return_if_fail (CONFIANZA_IS_INCIDENT (self));

  confianza_record_set_int64 (self, &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

GDateTime *
confianza_incident_get_happened_on (ConfianzaIncident *self)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), NULL);

  return self->happened_on;
}

void
confianza_incident_set_happened_on (ConfianzaIncident *self,
                                    GDateTime         *date)
{
  g_return_if_fail (CONFIANZA_IS_INCIDENT (self));

  confianza_record_set_date (self, &self->happened_on, date, properties[PROP_HAPPENED_ON]);
}

const char *
confianza_incident_get_description (ConfianzaIncident *self)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), NULL);

  return self->description;
}

void
confianza_incident_set_description (ConfianzaIncident *self,
                                    const char        *text)
{
  g_return_if_fail (CONFIANZA_IS_INCIDENT (self));

  confianza_record_set_text (self, &self->description, text, properties[PROP_DESCRIPTION]);
}

ConfianzaSeverity
confianza_incident_get_severity (ConfianzaIncident *self)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), CONFIANZA_SEVERITY_MINOR);

  return self->severity;
}

void
confianza_incident_set_severity (ConfianzaIncident *self,
                                 ConfianzaSeverity  severity)
{
  g_return_if_fail (CONFIANZA_IS_INCIDENT (self));

  if (self->severity == severity)
    return;

  self->severity = severity;
  confianza_record_notify (self, properties[PROP_SEVERITY]);
}

ConfianzaResponsibility
confianza_incident_get_responsibility (ConfianzaIncident *self)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), CONFIANZA_RESPONSIBILITY_OURS);

  return self->responsibility;
}

void
confianza_incident_set_responsibility (ConfianzaIncident       *self,
                                       ConfianzaResponsibility  responsibility)
{
  g_return_if_fail (CONFIANZA_IS_INCIDENT (self));

  if (self->responsibility == responsibility)
    return;

  self->responsibility = responsibility;
  confianza_record_notify (self, properties[PROP_RESPONSIBILITY]);
}

const char *
confianza_incident_get_cause (ConfianzaIncident *self)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), NULL);

  return self->cause;
}

void
confianza_incident_set_cause (ConfianzaIncident *self,
                              const char        *cause)
{
  g_return_if_fail (CONFIANZA_IS_INCIDENT (self));

  confianza_record_set_text (self, &self->cause, cause, properties[PROP_CAUSE]);
}

gboolean
confianza_incident_validate (ConfianzaIncident  *self,
                             const char        **property,
                             GError            **error)
{
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (self->happened_on == NULL)
    return confianza_model_fail (property, "happened-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Say on which day it happened."));

  if (!confianza_rules_check_text (self->description, CONFIANZA_LONG_TEXT_MAX,
                                   _("Describe what went wrong."), error))
    return confianza_model_invalid (property, "description");

  if (!confianza_rules_check_text (self->cause, CONFIANZA_SHORT_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "cause");

  return TRUE;
}
