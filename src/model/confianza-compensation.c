/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-compensation.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaCompensation
{
  GObject                    parent_instance;

  gint64                     id;
  gint64                     plan_id;
  gint64                     client_id;
  ConfianzaCompensationKind  kind;
  /* Money as integer cents; may be set negative, validate () refuses it */
  gint64                     amount_cents;
  char                      *currency;
  char                      *description;
  GDateTime                 *given_on;
};

G_DEFINE_FINAL_TYPE (ConfianzaCompensation, confianza_compensation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_CLIENT_ID,
  PROP_KIND,
  PROP_AMOUNT_CENTS,
  PROP_CURRENCY,
  PROP_DESCRIPTION,
  PROP_GIVEN_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaCompensation, id) },
  { PROP_PLAN_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaCompensation, plan_id) },
  { PROP_CLIENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaCompensation, client_id) },
  { PROP_AMOUNT_CENTS, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaCompensation, amount_cents) },
  { PROP_CURRENCY, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaCompensation, currency) },
  { PROP_DESCRIPTION, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaCompensation, description) },
  { PROP_GIVEN_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaCompensation, given_on) },
};

/* Helpers */

/* GObject */

static void
confianza_compensation_finalize (GObject *object)
{
  ConfianzaCompensation *self = CONFIANZA_COMPENSATION (object);

  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->given_on, g_date_time_unref);

  G_OBJECT_CLASS (confianza_compensation_parent_class)->finalize (object);
}

static void
confianza_compensation_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ConfianzaCompensation *self = CONFIANZA_COMPENSATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    default:
      confianza_record_get_property (object, prop_id, value, pspec);
    }
}

static void
confianza_compensation_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ConfianzaCompensation *self = CONFIANZA_COMPENSATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      confianza_compensation_set_kind (self, g_value_get_enum (value));
      break;

    default:
      confianza_record_set_property (object, prop_id, value, pspec);
    }
}

static void
confianza_compensation_class_init (ConfianzaCompensationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_compensation_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));
  object_class->get_property = confianza_compensation_get_property;
  object_class->set_property = confianza_compensation_set_property;

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_PLAN_ID] = confianza_record_param_id ("plan-id");

  properties[PROP_CLIENT_ID] = confianza_record_param_id ("client-id");

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CONFIANZA_TYPE_COMPENSATION_KIND, CONFIANZA_COMPENSATION_REFUND,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_AMOUNT_CENTS] =
    g_param_spec_int64 ("amount-cents", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_CURRENCY] = confianza_record_param_text ("currency", "EUR");

  properties[PROP_DESCRIPTION] = confianza_record_param_text ("description", "");

  properties[PROP_GIVEN_ON] = confianza_record_param_date ("given-on");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_compensation_init (ConfianzaCompensation *self)
{
  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->currency = g_strdup ("EUR");
  self->description = g_strdup ("");
}

/* Public API */

ConfianzaCompensation *
confianza_compensation_new (gint64                    plan_id,
                            gint64                    client_id,
                            ConfianzaCompensationKind kind)
{
  return g_object_new (CONFIANZA_TYPE_COMPENSATION,
                       "plan-id", plan_id,
                       "client-id", client_id,
                       "kind", kind,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaCompensation *
confianza_compensation_copy (ConfianzaCompensation *self)
{
  ConfianzaCompensation *copy;

  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_COMPENSATION, NULL);
  copy->id = self->id;
  copy->plan_id = self->plan_id;
  copy->client_id = self->client_id;
  copy->kind = self->kind;
  copy->amount_cents = self->amount_cents;
  g_free (copy->currency);
  copy->currency = g_strdup (self->currency);
  g_free (copy->description);
  copy->description = g_strdup (self->description);
  copy->given_on = self->given_on != NULL ? g_date_time_ref (self->given_on) : NULL;

  return copy;
}

gint64
confianza_compensation_get_id (ConfianzaCompensation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), 0);

  return self->id;
}

void
confianza_compensation_set_id (ConfianzaCompensation *self,
                               gint64                 id)
{
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

gint64
confianza_compensation_get_plan_id (ConfianzaCompensation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), 0);

  return self->plan_id;
}

void
confianza_compensation_set_plan_id (ConfianzaCompensation *self,
                                    gint64                 plan_id)
{
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (self));

  confianza_record_set_int64 (self, &self->plan_id, plan_id, properties[PROP_PLAN_ID]);
}

gint64
confianza_compensation_get_client_id (ConfianzaCompensation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), 0);

  return self->client_id;
}

void
confianza_compensation_set_client_id (ConfianzaCompensation *self,
                                      gint64                 client_id)
{
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (self));

  confianza_record_set_int64 (self, &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

ConfianzaCompensationKind
confianza_compensation_get_kind (ConfianzaCompensation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), CONFIANZA_COMPENSATION_REFUND);

  return self->kind;
}

void
confianza_compensation_set_kind (ConfianzaCompensation     *self,
                                 ConfianzaCompensationKind  kind)
{
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  confianza_record_notify (self, properties[PROP_KIND]);
}

gint64
confianza_compensation_get_amount_cents (ConfianzaCompensation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), 0);

  return self->amount_cents;
}

void
confianza_compensation_set_amount_cents (ConfianzaCompensation *self,
                                         gint64                 cents)
{
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (self));

  confianza_record_set_int64 (self, &self->amount_cents, cents, properties[PROP_AMOUNT_CENTS]);
}

const char *
confianza_compensation_get_currency (ConfianzaCompensation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), NULL);

  return self->currency;
}

void
confianza_compensation_set_currency (ConfianzaCompensation *self,
                                     const char            *currency)
{
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (self));

  confianza_record_set_text (self, &self->currency, currency, properties[PROP_CURRENCY]);
}

const char *
confianza_compensation_get_description (ConfianzaCompensation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), NULL);

  return self->description;
}

void
confianza_compensation_set_description (ConfianzaCompensation *self,
                                        const char            *text)
{
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (self));

  confianza_record_set_text (self, &self->description, text, properties[PROP_DESCRIPTION]);
}

GDateTime *
confianza_compensation_get_given_on (ConfianzaCompensation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), NULL);

  return self->given_on;
}

void
confianza_compensation_set_given_on (ConfianzaCompensation *self,
                                     GDateTime             *date)
{
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (self));

  confianza_record_set_date (self, &self->given_on, date, properties[PROP_GIVEN_ON]);
}

gboolean
confianza_compensation_validate (ConfianzaCompensation  *self,
                                 const char            **property,
                                 GError                **error)
{
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (self->amount_cents < 0)
    return confianza_model_fail (property, "amount-cents", error, CONFIANZA_MODEL_ERROR_NEGATIVE,
                 _("An amount cannot be negative."));

  if (self->amount_cents > 0 && !confianza_rules_check_currency (self->currency, error))
    return confianza_model_invalid (property, "currency");

  if (!confianza_rules_check_text (self->description, CONFIANZA_LONG_TEXT_MAX,
                                   self->kind == CONFIANZA_COMPENSATION_OTHER
                                   ? _("Describe what you are giving the client.")
                                   : NULL,
                                   error))
    return confianza_model_invalid (property, "description");

  /* Money back or credit needs at least an amount or a few words; the
   * description passed the check above, so this fails only when blank. */
  if ((self->kind == CONFIANZA_COMPENSATION_REFUND || self->kind == CONFIANZA_COMPENSATION_CREDIT)
      && self->amount_cents == 0
      && !confianza_rules_check_text (self->description, CONFIANZA_LONG_TEXT_MAX, "", NULL))
    return confianza_model_fail (property, "amount-cents", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Write the amount, or describe what the client gets."));

  return TRUE;
}
