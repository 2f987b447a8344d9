/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-recovery-plan.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaRecoveryPlan
{
  GObject               parent_instance;

  gint64                id;
  gint64                client_id;
  gint64                incident_id;
  GDateTime            *started_on;
  /* 0–6; not clamped: validate () explains a bad value */
  int                   step;
  char                 *client_said;
  GDateTime            *invited_to_speak_on;
  GDateTime            *acknowledged_on;
  GDateTime            *apologised_on;
  ConfianzaChannel      apology_channel;
  char                 *apologised_by;
  char                 *apology_words;
  gboolean              compensation_declined;
  ConfianzaCompensationWaiver compensation_waiver;
  ConfianzaTrustJudgement trust_judgement;
  char                 *guarantee_terms;
  GDateTime            *guarantee_until;
  gint64                guarantee_promise_id;
  int                   follow_up_every_days;
  GDateTime            *follow_up_until;
  int                   follow_up_times;
  char                 *root_cause;
  char                 *corrective_measure;
  char                 *corrective_owner;
  GDateTime            *corrective_due;
  GDateTime            *corrective_applied_on;
  ConfianzaPlanOutcome  outcome;
  char                 *outcome_reason;
  GDateTime            *closed_on;
};

G_DEFINE_FINAL_TYPE (ConfianzaRecoveryPlan, confianza_recovery_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_INCIDENT_ID,
  PROP_STARTED_ON,
  PROP_STEP,
  PROP_CLIENT_SAID,
  PROP_INVITED_TO_SPEAK_ON,
  PROP_ACKNOWLEDGED_ON,
  PROP_APOLOGISED_ON,
  PROP_APOLOGY_CHANNEL,
  PROP_APOLOGISED_BY,
  PROP_APOLOGY_WORDS,
  PROP_COMPENSATION_DECLINED,
  PROP_COMPENSATION_WAIVER,
  PROP_TRUST_JUDGEMENT,
  PROP_GUARANTEE_TERMS,
  PROP_GUARANTEE_UNTIL,
  PROP_GUARANTEE_PROMISE_ID,
  PROP_FOLLOW_UP_EVERY_DAYS,
  PROP_FOLLOW_UP_UNTIL,
  PROP_FOLLOW_UP_TIMES,
  PROP_ROOT_CAUSE,
  PROP_CORRECTIVE_MEASURE,
  PROP_CORRECTIVE_OWNER,
  PROP_CORRECTIVE_DUE,
  PROP_CORRECTIVE_APPLIED_ON,
  PROP_OUTCOME,
  PROP_OUTCOME_REASON,
  PROP_CLOSED_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, id) },
  { PROP_CLIENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, client_id) },
  { PROP_INCIDENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, incident_id) },
  { PROP_STARTED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, started_on) },
  { PROP_CLIENT_SAID, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, client_said) },
  { PROP_INVITED_TO_SPEAK_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, invited_to_speak_on) },
  { PROP_ACKNOWLEDGED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, acknowledged_on) },
  { PROP_APOLOGISED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, apologised_on) },
  { PROP_APOLOGISED_BY, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, apologised_by) },
  { PROP_APOLOGY_WORDS, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, apology_words) },
  { PROP_COMPENSATION_DECLINED, CONFIANZA_FIELD_BOOLEAN, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, compensation_declined) },
  { PROP_GUARANTEE_TERMS, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, guarantee_terms) },
  { PROP_GUARANTEE_UNTIL, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, guarantee_until) },
  { PROP_GUARANTEE_PROMISE_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, guarantee_promise_id) },
  { PROP_FOLLOW_UP_UNTIL, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, follow_up_until) },
  { PROP_ROOT_CAUSE, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, root_cause) },
  { PROP_CORRECTIVE_MEASURE, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, corrective_measure) },
  { PROP_CORRECTIVE_OWNER, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, corrective_owner) },
  { PROP_CORRECTIVE_DUE, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, corrective_due) },
  { PROP_CORRECTIVE_APPLIED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, corrective_applied_on) },
  { PROP_OUTCOME_REASON, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, outcome_reason) },
  { PROP_CLOSED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecoveryPlan, closed_on) },
};

/* Helpers */

/* GObject */

static void
confianza_recovery_plan_finalize (GObject *object)
{
  ConfianzaRecoveryPlan *self = CONFIANZA_RECOVERY_PLAN (object);

  g_clear_pointer (&self->started_on, g_date_time_unref);
  g_clear_pointer (&self->client_said, g_free);
  g_clear_pointer (&self->invited_to_speak_on, g_date_time_unref);
  g_clear_pointer (&self->acknowledged_on, g_date_time_unref);
  g_clear_pointer (&self->apologised_on, g_date_time_unref);
  g_clear_pointer (&self->apologised_by, g_free);
  g_clear_pointer (&self->apology_words, g_free);
  g_clear_pointer (&self->guarantee_terms, g_free);
  g_clear_pointer (&self->guarantee_until, g_date_time_unref);
  g_clear_pointer (&self->follow_up_until, g_date_time_unref);
  g_clear_pointer (&self->root_cause, g_free);
  g_clear_pointer (&self->corrective_measure, g_free);
  g_clear_pointer (&self->corrective_owner, g_free);
  g_clear_pointer (&self->corrective_due, g_date_time_unref);
  g_clear_pointer (&self->corrective_applied_on, g_date_time_unref);
  g_clear_pointer (&self->outcome_reason, g_free);
  g_clear_pointer (&self->closed_on, g_date_time_unref);

  G_OBJECT_CLASS (confianza_recovery_plan_parent_class)->finalize (object);
}

static void
confianza_recovery_plan_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ConfianzaRecoveryPlan *self = CONFIANZA_RECOVERY_PLAN (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;

    case PROP_APOLOGY_CHANNEL:
      g_value_set_enum (value, self->apology_channel);
      break;

    case PROP_COMPENSATION_WAIVER:
      g_value_set_enum (value, self->compensation_waiver);
      break;
    case PROP_TRUST_JUDGEMENT:
      g_value_set_enum (value, self->trust_judgement);
      break;

    case PROP_FOLLOW_UP_EVERY_DAYS:
      g_value_set_int (value, self->follow_up_every_days);
      break;

    case PROP_FOLLOW_UP_TIMES:
      g_value_set_int (value, self->follow_up_times);
      break;

    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;

    default:
      confianza_record_get_property (object, prop_id, value, pspec);
    }
}

static void
confianza_recovery_plan_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ConfianzaRecoveryPlan *self = CONFIANZA_RECOVERY_PLAN (object);

  switch (prop_id)
    {
    case PROP_STEP:
      confianza_recovery_plan_set_step (self, g_value_get_int (value));
      break;

    case PROP_APOLOGY_CHANNEL:
      confianza_recovery_plan_set_apology_channel (self, g_value_get_enum (value));
      break;

    case PROP_COMPENSATION_WAIVER:
      confianza_recovery_plan_set_compensation_waiver (self, g_value_get_enum (value));
      break;
    case PROP_TRUST_JUDGEMENT:
      confianza_recovery_plan_set_trust_judgement (self, g_value_get_enum (value));
      break;

    case PROP_FOLLOW_UP_EVERY_DAYS:
      confianza_recovery_plan_set_follow_up_every_days (self, g_value_get_int (value));
      break;

    case PROP_FOLLOW_UP_TIMES:
      confianza_recovery_plan_set_follow_up_times (self, g_value_get_int (value));
      break;

    case PROP_OUTCOME:
      confianza_recovery_plan_set_outcome (self, g_value_get_enum (value));
      break;

    default:
      confianza_record_set_property (object, prop_id, value, pspec);
    }
}

static void
confianza_recovery_plan_class_init (ConfianzaRecoveryPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_recovery_plan_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));
  object_class->get_property = confianza_recovery_plan_get_property;
  object_class->set_property = confianza_recovery_plan_set_property;

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_CLIENT_ID] = confianza_record_param_id ("client-id");

  properties[PROP_INCIDENT_ID] = confianza_record_param_id ("incident-id");

  properties[PROP_STARTED_ON] = confianza_record_param_date ("started-on");

  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_CLIENT_SAID] = confianza_record_param_text ("client-said", "");

  properties[PROP_INVITED_TO_SPEAK_ON] = confianza_record_param_date ("invited-to-speak-on");

  properties[PROP_ACKNOWLEDGED_ON] = confianza_record_param_date ("acknowledged-on");

  properties[PROP_APOLOGISED_ON] = confianza_record_param_date ("apologised-on");

  properties[PROP_APOLOGY_CHANNEL] =
    g_param_spec_enum ("apology-channel", NULL, NULL,
                       CONFIANZA_TYPE_CHANNEL, CONFIANZA_CHANNEL_CALL,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_APOLOGISED_BY] = confianza_record_param_text ("apologised-by", "");

  properties[PROP_APOLOGY_WORDS] = confianza_record_param_text ("apology-words", "");

  properties[PROP_COMPENSATION_DECLINED] = confianza_record_param_boolean ("compensation-declined", FALSE);

  properties[PROP_COMPENSATION_WAIVER] =
    g_param_spec_enum ("compensation-waiver", NULL, NULL,
                       CONFIANZA_TYPE_COMPENSATION_WAIVER, CONFIANZA_WAIVER_NONE,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_TRUST_JUDGEMENT] =
    g_param_spec_enum ("trust-judgement", NULL, NULL,
                       CONFIANZA_TYPE_TRUST_JUDGEMENT, CONFIANZA_JUDGEMENT_UNDECIDED,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_GUARANTEE_TERMS] = confianza_record_param_text ("guarantee-terms", "");

  properties[PROP_GUARANTEE_UNTIL] = confianza_record_param_date ("guarantee-until");

  properties[PROP_GUARANTEE_PROMISE_ID] = confianza_record_param_id ("guarantee-promise-id");

  properties[PROP_FOLLOW_UP_EVERY_DAYS] =
    g_param_spec_int ("follow-up-every-days", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_FOLLOW_UP_UNTIL] = confianza_record_param_date ("follow-up-until");

  properties[PROP_FOLLOW_UP_TIMES] =
    g_param_spec_int ("follow-up-times", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_ROOT_CAUSE] = confianza_record_param_text ("root-cause", "");

  properties[PROP_CORRECTIVE_MEASURE] = confianza_record_param_text ("corrective-measure", "");

  properties[PROP_CORRECTIVE_OWNER] = confianza_record_param_text ("corrective-owner", "");

  properties[PROP_CORRECTIVE_APPLIED_ON] = confianza_record_param_date ("corrective-applied-on");

  properties[PROP_CORRECTIVE_DUE] = confianza_record_param_date ("corrective-due");

  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL,
                       CONFIANZA_TYPE_PLAN_OUTCOME, CONFIANZA_PLAN_IN_PROGRESS,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_OUTCOME_REASON] = confianza_record_param_text ("outcome-reason", "");

  properties[PROP_CLOSED_ON] = confianza_record_param_date ("closed-on");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_recovery_plan_init (ConfianzaRecoveryPlan *self)
{
  self->apology_channel = CONFIANZA_CHANNEL_CALL;

  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->client_said = g_strdup ("");
  self->apologised_by = g_strdup ("");
  self->apology_words = g_strdup ("");
  self->guarantee_terms = g_strdup ("");
  self->root_cause = g_strdup ("");
  self->corrective_measure = g_strdup ("");
  self->corrective_owner = g_strdup ("");
  self->outcome_reason = g_strdup ("");
}

/* Public API */

ConfianzaRecoveryPlan *
confianza_recovery_plan_new (gint64     client_id,
                             gint64     incident_id,
                             GDateTime *started_on)
{
  return g_object_new (CONFIANZA_TYPE_RECOVERY_PLAN,
                       "client-id", client_id,
                       "incident-id", incident_id,
                       "started-on", started_on,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaRecoveryPlan *
confianza_recovery_plan_copy (ConfianzaRecoveryPlan *self)
{
  ConfianzaRecoveryPlan *copy;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_RECOVERY_PLAN, NULL);
  copy->id = self->id;
  copy->client_id = self->client_id;
  copy->incident_id = self->incident_id;
  copy->started_on = self->started_on != NULL ? g_date_time_ref (self->started_on) : NULL;
  copy->step = self->step;
  g_free (copy->client_said);
  copy->client_said = g_strdup (self->client_said);
  copy->invited_to_speak_on = self->invited_to_speak_on != NULL ? g_date_time_ref (self->invited_to_speak_on) : NULL;
  copy->acknowledged_on = self->acknowledged_on != NULL ? g_date_time_ref (self->acknowledged_on) : NULL;
  copy->apologised_on = self->apologised_on != NULL ? g_date_time_ref (self->apologised_on) : NULL;
  copy->apology_channel = self->apology_channel;
  g_free (copy->apologised_by);
  copy->apologised_by = g_strdup (self->apologised_by);
  g_free (copy->apology_words);
  copy->apology_words = g_strdup (self->apology_words);
  copy->compensation_declined = self->compensation_declined;
  copy->compensation_waiver = self->compensation_waiver;
  copy->trust_judgement = self->trust_judgement;
  g_free (copy->guarantee_terms);
  copy->guarantee_terms = g_strdup (self->guarantee_terms);
  copy->guarantee_until = self->guarantee_until != NULL ? g_date_time_ref (self->guarantee_until) : NULL;
  copy->guarantee_promise_id = self->guarantee_promise_id;
  copy->follow_up_every_days = self->follow_up_every_days;
  copy->follow_up_until = self->follow_up_until != NULL ? g_date_time_ref (self->follow_up_until) : NULL;
  copy->follow_up_times = self->follow_up_times;
  g_free (copy->root_cause);
  copy->root_cause = g_strdup (self->root_cause);
  g_free (copy->corrective_measure);
  copy->corrective_measure = g_strdup (self->corrective_measure);
  g_free (copy->corrective_owner);
  copy->corrective_owner = g_strdup (self->corrective_owner);
  copy->corrective_due = self->corrective_due != NULL ? g_date_time_ref (self->corrective_due) : NULL;
  copy->corrective_applied_on = self->corrective_applied_on != NULL ? g_date_time_ref (self->corrective_applied_on) : NULL;
  copy->outcome = self->outcome;
  g_free (copy->outcome_reason);
  copy->outcome_reason = g_strdup (self->outcome_reason);
  copy->closed_on = self->closed_on != NULL ? g_date_time_ref (self->closed_on) : NULL;

  return copy;
}

gint64
confianza_recovery_plan_get_id (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), 0);

  return self->id;
}

void
confianza_recovery_plan_set_id (ConfianzaRecoveryPlan *self,
                                gint64                 id)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

gint64
confianza_recovery_plan_get_client_id (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), 0);

  return self->client_id;
}

void
confianza_recovery_plan_set_client_id (ConfianzaRecoveryPlan *self,
                                       gint64                 client_id)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_int64 (self, &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

gint64
confianza_recovery_plan_get_incident_id (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), 0);

  return self->incident_id;
}

void
confianza_recovery_plan_set_incident_id (ConfianzaRecoveryPlan *self,
                                         gint64                 incident_id)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_int64 (self, &self->incident_id, incident_id, properties[PROP_INCIDENT_ID]);
}

GDateTime *
confianza_recovery_plan_get_started_on (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->started_on;
}

void
confianza_recovery_plan_set_started_on (ConfianzaRecoveryPlan *self,
                                        GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->started_on, value, properties[PROP_STARTED_ON]);
}

int
confianza_recovery_plan_get_step (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), 0);

  return self->step;
}

void
confianza_recovery_plan_set_step (ConfianzaRecoveryPlan *self,
                                  int                    step)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  if (self->step == step)
    return;

  self->step = step;
  confianza_record_notify (self, properties[PROP_STEP]);
}

const char *
confianza_recovery_plan_get_client_said (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->client_said;
}

void
confianza_recovery_plan_set_client_said (ConfianzaRecoveryPlan *self,
                                         const char            *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_text (self, &self->client_said, value, properties[PROP_CLIENT_SAID]);
}

GDateTime *
confianza_recovery_plan_get_invited_to_speak_on (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->invited_to_speak_on;
}

void
confianza_recovery_plan_set_invited_to_speak_on (ConfianzaRecoveryPlan *self,
                                                 GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->invited_to_speak_on, value, properties[PROP_INVITED_TO_SPEAK_ON]);
}

GDateTime *
confianza_recovery_plan_get_acknowledged_on (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->acknowledged_on;
}

void
confianza_recovery_plan_set_acknowledged_on (ConfianzaRecoveryPlan *self,
                                             GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->acknowledged_on, value, properties[PROP_ACKNOWLEDGED_ON]);
}

GDateTime *
confianza_recovery_plan_get_apologised_on (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->apologised_on;
}

void
confianza_recovery_plan_set_apologised_on (ConfianzaRecoveryPlan *self,
                                           GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->apologised_on, value, properties[PROP_APOLOGISED_ON]);
}

ConfianzaChannel
confianza_recovery_plan_get_apology_channel (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), CONFIANZA_CHANNEL_CALL);

  return self->apology_channel;
}

void
confianza_recovery_plan_set_apology_channel (ConfianzaRecoveryPlan *self,
                                             ConfianzaChannel       channel)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  if (self->apology_channel == channel)
    return;

  self->apology_channel = channel;
  confianza_record_notify (self, properties[PROP_APOLOGY_CHANNEL]);
}

const char *
confianza_recovery_plan_get_apologised_by (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->apologised_by;
}

void
confianza_recovery_plan_set_apologised_by (ConfianzaRecoveryPlan *self,
                                           const char            *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_text (self, &self->apologised_by, value, properties[PROP_APOLOGISED_BY]);
}

const char *
confianza_recovery_plan_get_apology_words (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->apology_words;
}

void
confianza_recovery_plan_set_apology_words (ConfianzaRecoveryPlan *self,
                                           const char            *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_text (self, &self->apology_words, value, properties[PROP_APOLOGY_WORDS]);
}

gboolean
confianza_recovery_plan_get_compensation_declined (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), FALSE);

  return self->compensation_declined;
}

void
confianza_recovery_plan_set_compensation_declined (ConfianzaRecoveryPlan *self,
                                                   gboolean               declined)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_boolean (self, &self->compensation_declined, declined, properties[PROP_COMPENSATION_DECLINED]);
}

ConfianzaCompensationWaiver
confianza_recovery_plan_get_compensation_waiver (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), CONFIANZA_WAIVER_NONE);

  return self->compensation_waiver;
}

void
confianza_recovery_plan_set_compensation_waiver (ConfianzaRecoveryPlan       *self,
                                                 ConfianzaCompensationWaiver  waiver)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  if (self->compensation_waiver == waiver)
    return;

  self->compensation_waiver = waiver;
  confianza_record_notify (self, properties[PROP_COMPENSATION_WAIVER]);
}

ConfianzaTrustJudgement
confianza_recovery_plan_get_trust_judgement (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), CONFIANZA_JUDGEMENT_UNDECIDED);

  return self->trust_judgement;
}

void
confianza_recovery_plan_set_trust_judgement (ConfianzaRecoveryPlan   *self,
                                             ConfianzaTrustJudgement  judgement)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  if (self->trust_judgement == judgement)
    return;

  self->trust_judgement = judgement;
  confianza_record_notify (self, properties[PROP_TRUST_JUDGEMENT]);
}

const char *
confianza_recovery_plan_get_guarantee_terms (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->guarantee_terms;
}

void
confianza_recovery_plan_set_guarantee_terms (ConfianzaRecoveryPlan *self,
                                             const char            *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_text (self, &self->guarantee_terms, value, properties[PROP_GUARANTEE_TERMS]);
}

GDateTime *
confianza_recovery_plan_get_guarantee_until (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->guarantee_until;
}

void
confianza_recovery_plan_set_guarantee_until (ConfianzaRecoveryPlan *self,
                                             GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->guarantee_until, value, properties[PROP_GUARANTEE_UNTIL]);
}

gint64
confianza_recovery_plan_get_guarantee_promise_id (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), 0);

  return self->guarantee_promise_id;
}

void
confianza_recovery_plan_set_guarantee_promise_id (ConfianzaRecoveryPlan *self,
                                                  gint64                 promise_id)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_int64 (self, &self->guarantee_promise_id, promise_id, properties[PROP_GUARANTEE_PROMISE_ID]);
}

int
confianza_recovery_plan_get_follow_up_every_days (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), 0);

  return self->follow_up_every_days;
}

void
confianza_recovery_plan_set_follow_up_every_days (ConfianzaRecoveryPlan *self,
                                                  int                    days)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  if (self->follow_up_every_days == days)
    return;

  self->follow_up_every_days = days;
  confianza_record_notify (self, properties[PROP_FOLLOW_UP_EVERY_DAYS]);
}

GDateTime *
confianza_recovery_plan_get_follow_up_until (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->follow_up_until;
}

void
confianza_recovery_plan_set_follow_up_until (ConfianzaRecoveryPlan *self,
                                             GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->follow_up_until, value, properties[PROP_FOLLOW_UP_UNTIL]);
}

int
confianza_recovery_plan_get_follow_up_times (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), 0);

  return self->follow_up_times;
}

void
confianza_recovery_plan_set_follow_up_times (ConfianzaRecoveryPlan *self,
                                             int                    times)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  if (self->follow_up_times == times)
    return;

  self->follow_up_times = times;
  confianza_record_notify (self, properties[PROP_FOLLOW_UP_TIMES]);
}

const char *
confianza_recovery_plan_get_root_cause (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->root_cause;
}

void
confianza_recovery_plan_set_root_cause (ConfianzaRecoveryPlan *self,
                                        const char            *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_text (self, &self->root_cause, value, properties[PROP_ROOT_CAUSE]);
}

const char *
confianza_recovery_plan_get_corrective_measure (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->corrective_measure;
}

void
confianza_recovery_plan_set_corrective_measure (ConfianzaRecoveryPlan *self,
                                                const char            *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_text (self, &self->corrective_measure, value, properties[PROP_CORRECTIVE_MEASURE]);
}

const char *
confianza_recovery_plan_get_corrective_owner (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->corrective_owner;
}

void
confianza_recovery_plan_set_corrective_owner (ConfianzaRecoveryPlan *self,
                                              const char            *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_text (self, &self->corrective_owner, value, properties[PROP_CORRECTIVE_OWNER]);
}

GDateTime *
confianza_recovery_plan_get_corrective_due (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->corrective_due;
}

void
confianza_recovery_plan_set_corrective_due (ConfianzaRecoveryPlan *self,
                                            GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->corrective_due, value, properties[PROP_CORRECTIVE_DUE]);
}

GDateTime *
confianza_recovery_plan_get_corrective_applied_on (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->corrective_applied_on;
}

void
confianza_recovery_plan_set_corrective_applied_on (ConfianzaRecoveryPlan *self,
                                            GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->corrective_applied_on, value, properties[PROP_CORRECTIVE_APPLIED_ON]);
}

ConfianzaPlanOutcome
confianza_recovery_plan_get_outcome (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), CONFIANZA_PLAN_IN_PROGRESS);

  return self->outcome;
}

void
confianza_recovery_plan_set_outcome (ConfianzaRecoveryPlan *self,
                                     ConfianzaPlanOutcome   outcome)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  if (self->outcome == outcome)
    return;

  self->outcome = outcome;
  confianza_record_notify (self, properties[PROP_OUTCOME]);
}

const char *
confianza_recovery_plan_get_outcome_reason (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->outcome_reason;
}

void
confianza_recovery_plan_set_outcome_reason (ConfianzaRecoveryPlan *self,
                                            const char            *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_text (self, &self->outcome_reason, value, properties[PROP_OUTCOME_REASON]);
}

GDateTime *
confianza_recovery_plan_get_closed_on (ConfianzaRecoveryPlan *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), NULL);

  return self->closed_on;
}

void
confianza_recovery_plan_set_closed_on (ConfianzaRecoveryPlan *self,
                                       GDateTime             *value)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self));

  confianza_record_set_date (self, &self->closed_on, value, properties[PROP_CLOSED_ON]);
}

gboolean
confianza_recovery_plan_validate (ConfianzaRecoveryPlan  *self,
                                  const char            **property,
                                  GError                **error)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (self->started_on == NULL)
    return confianza_model_fail (property, "started-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Say on which day the recovery plan started."));

  if (self->step < 0 || self->step > 6)
    return confianza_model_fail (property, "step", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                 _("This plan was left at a step that does not exist. Start it again from the first step."));

  /* Step 1: listen first */
  if (!confianza_rules_check_text (self->client_said, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "client-said");

  /* Steps may be recorded after the fact, so they may come before the plan
   * started; but nothing can happen once the plan is closed. */
  if (self->closed_on != NULL)
    {
      if (confianza_date_compare (self->closed_on, self->started_on) < 0)
        return confianza_model_fail (property, "closed-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("A plan cannot be closed before it started."));

      if (self->invited_to_speak_on != NULL
          && confianza_date_compare (self->invited_to_speak_on, self->closed_on) > 0)
        return confianza_model_fail (property, "invited-to-speak-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("The client cannot be invited to speak after the plan was closed."));

      if (self->acknowledged_on != NULL
          && confianza_date_compare (self->acknowledged_on, self->closed_on) > 0)
        return confianza_model_fail (property, "acknowledged-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("The error cannot be acknowledged after the plan was closed."));

      if (self->apologised_on != NULL
          && confianza_date_compare (self->apologised_on, self->closed_on) > 0)
        return confianza_model_fail (property, "apologised-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                     _("The apology cannot come after the plan was closed."));
    }

  /* Step 2: apologise */
  if (!confianza_rules_check_text (self->apologised_by, CONFIANZA_SHORT_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "apologised-by");

  if (!confianza_rules_check_text (self->apology_words, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "apology-words");

  if (self->trust_judgement < CONFIANZA_JUDGEMENT_UNDECIDED
      || self->trust_judgement > CONFIANZA_JUDGEMENT_NO)
    return confianza_model_fail (property, "trust-judgement", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                 _("Choose from the list whether trust can come back."));

  /* Step 3: consequences */
  if (self->compensation_waiver < CONFIANZA_WAIVER_NONE
      || self->compensation_waiver > CONFIANZA_WAIVER_OUTSIDE_CONTROL)
    return confianza_model_fail (property, "compensation-waiver", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                 _("Choose why no compensation is given from the list."));

  /* Step 4: guarantee */
  if (!confianza_rules_check_text (self->guarantee_terms, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "guarantee-terms");

  if (self->guarantee_until != NULL
      && confianza_date_compare (self->guarantee_until, self->started_on) < 0)
    return confianza_model_fail (property, "guarantee-until", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                 _("The guarantee cannot end before the plan started."));

  /* Step 5: follow-up */
  if (self->follow_up_every_days < 0 || self->follow_up_every_days > 365)
    return confianza_model_fail (property, "follow-up-every-days", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                 _("Follow up at least once a year: choose between 0 and 365 days."));

  if (self->follow_up_times < 0 || self->follow_up_times > 100)
    return confianza_model_fail (property, "follow-up-times", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                 _("Choose between 0 and 100 follow-ups."));

  if (self->follow_up_until != NULL
      && confianza_date_compare (self->follow_up_until, self->started_on) < 0)
    return confianza_model_fail (property, "follow-up-until", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                 _("The follow-up cannot end before the plan started."));

  /* Without an end the schedule would never stop. */
  if (self->follow_up_every_days > 0
      && self->follow_up_until == NULL
      && self->follow_up_times == 0)
    return confianza_model_fail (property, "follow-up-until", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Say until when to follow up, or how many times."));

  /* Step 6: internal analysis */
  if (!confianza_rules_check_text (self->root_cause, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "root-cause");

  if (!confianza_rules_check_text (self->corrective_measure, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "corrective-measure");

  if (!confianza_rules_check_text (self->corrective_owner, CONFIANZA_SHORT_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "corrective-owner");

  /* Outcome */
  if (!confianza_rules_check_text (self->outcome_reason, CONFIANZA_LONG_TEXT_MAX,
                                   self->outcome == CONFIANZA_PLAN_LET_GO
                                   ? _("Say why you are letting this client go.")
                                   : NULL,
                                   error))
    return confianza_model_invalid (property, "outcome-reason");

  return TRUE;
}
