/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "confianza-promise.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaPromise
{
  GObject    parent_instance;

  gint64     id;
  gint64     client_id;
  gint64     plan_id;
  char      *title;
  char      *kind;
  GDateTime *promised_on;
  GDateTime *due_on;
  GDateTime *original_due_on;
  gboolean   has_quantity;
  double     promised_quantity;
  char      *unit;
  GDateTime *delivered_on;
  double     delivered_quantity;
  char      *extras;
  char      *delivery_note;
  gboolean   broken;
  char      *broken_reason;
};

G_DEFINE_FINAL_TYPE (ConfianzaPromise, confianza_promise, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_PLAN_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_PROMISED_ON,
  PROP_DUE_ON,
  PROP_ORIGINAL_DUE_ON,
  PROP_HAS_QUANTITY,
  PROP_PROMISED_QUANTITY,
  PROP_UNIT,
  PROP_DELIVERED_ON,
  PROP_DELIVERED_QUANTITY,
  PROP_EXTRAS,
  PROP_DELIVERY_NOTE,
  PROP_BROKEN,
  PROP_BROKEN_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaPromise, id) },
  { PROP_CLIENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaPromise, client_id) },
  { PROP_PLAN_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaPromise, plan_id) },
  { PROP_TITLE, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaPromise, title) },
  { PROP_KIND, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaPromise, kind) },
  { PROP_PROMISED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaPromise, promised_on) },
  { PROP_DUE_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaPromise, due_on) },
  { PROP_ORIGINAL_DUE_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaPromise, original_due_on) },
  { PROP_HAS_QUANTITY, CONFIANZA_FIELD_BOOLEAN, G_STRUCT_OFFSET (ConfianzaPromise, has_quantity) },
  { PROP_PROMISED_QUANTITY, CONFIANZA_FIELD_DOUBLE, G_STRUCT_OFFSET (ConfianzaPromise, promised_quantity) },
  { PROP_UNIT, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaPromise, unit) },
  { PROP_DELIVERED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaPromise, delivered_on) },
  { PROP_DELIVERED_QUANTITY, CONFIANZA_FIELD_DOUBLE, G_STRUCT_OFFSET (ConfianzaPromise, delivered_quantity) },
  { PROP_EXTRAS, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaPromise, extras) },
  { PROP_DELIVERY_NOTE, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaPromise, delivery_note) },
  { PROP_BROKEN, CONFIANZA_FIELD_BOOLEAN, G_STRUCT_OFFSET (ConfianzaPromise, broken) },
  { PROP_BROKEN_REASON, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaPromise, broken_reason) },
};

/* Helpers */

/* GObject */

static void
confianza_promise_finalize (GObject *object)
{
  ConfianzaPromise *self = CONFIANZA_PROMISE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->promised_on, g_date_time_unref);
  g_clear_pointer (&self->due_on, g_date_time_unref);
  g_clear_pointer (&self->original_due_on, g_date_time_unref);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->delivered_on, g_date_time_unref);
  g_clear_pointer (&self->extras, g_free);
  g_clear_pointer (&self->delivery_note, g_free);
  g_clear_pointer (&self->broken_reason, g_free);

  G_OBJECT_CLASS (confianza_promise_parent_class)->finalize (object);
}

static void
confianza_promise_class_init (ConfianzaPromiseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_promise_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_CLIENT_ID] = confianza_record_param_id ("client-id");

  properties[PROP_PLAN_ID] = confianza_record_param_id ("plan-id");

  properties[PROP_TITLE] = confianza_record_param_text ("title", "");

  properties[PROP_KIND] = confianza_record_param_text ("kind", "");

  properties[PROP_PROMISED_ON] = confianza_record_param_date ("promised-on");

  properties[PROP_ORIGINAL_DUE_ON] = confianza_record_param_date ("original-due-on");

  properties[PROP_DUE_ON] = confianza_record_param_date ("due-on");

  properties[PROP_HAS_QUANTITY] = confianza_record_param_boolean ("has-quantity", FALSE);

  properties[PROP_PROMISED_QUANTITY] =
    g_param_spec_double ("promised-quantity", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_UNIT] = confianza_record_param_text ("unit", "");

  properties[PROP_DELIVERED_ON] = confianza_record_param_date ("delivered-on");

  properties[PROP_DELIVERED_QUANTITY] =
    g_param_spec_double ("delivered-quantity", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_EXTRAS] = confianza_record_param_text ("extras", "");

  properties[PROP_DELIVERY_NOTE] = confianza_record_param_text ("delivery-note", "");

  properties[PROP_BROKEN] = confianza_record_param_boolean ("broken", FALSE);

  properties[PROP_BROKEN_REASON] = confianza_record_param_text ("broken-reason", "");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_promise_init (ConfianzaPromise *self)
{
  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->title = g_strdup ("");
  self->kind = g_strdup ("");
  self->unit = g_strdup ("");
  self->extras = g_strdup ("");
  self->delivery_note = g_strdup ("");
  self->broken_reason = g_strdup ("");
}

/* Public API */

ConfianzaPromise *
confianza_promise_new (gint64      client_id,
                       const char *title,
                       GDateTime  *promised_on,
                       GDateTime  *due_on)
{
  return g_object_new (CONFIANZA_TYPE_PROMISE,
                       "client-id", client_id,
                       "title", title,
                       "promised-on", promised_on,
                       "due-on", due_on,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaPromise *
confianza_promise_copy (ConfianzaPromise *self)
{
  ConfianzaPromise *copy;

  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_PROMISE, NULL);
  copy->id = self->id;
  copy->client_id = self->client_id;
  copy->plan_id = self->plan_id;
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  g_free (copy->kind);
  copy->kind = g_strdup (self->kind);
  copy->promised_on = self->promised_on != NULL ? g_date_time_ref (self->promised_on) : NULL;
  copy->due_on = self->due_on != NULL ? g_date_time_ref (self->due_on) : NULL;
  copy->original_due_on = self->original_due_on != NULL ? g_date_time_ref (self->original_due_on) : NULL;
  copy->has_quantity = self->has_quantity;
  copy->promised_quantity = self->promised_quantity;
  g_free (copy->unit);
  copy->unit = g_strdup (self->unit);
  copy->delivered_on = self->delivered_on != NULL ? g_date_time_ref (self->delivered_on) : NULL;
  copy->delivered_quantity = self->delivered_quantity;
  g_free (copy->extras);
  copy->extras = g_strdup (self->extras);
  g_free (copy->delivery_note);
  copy->delivery_note = g_strdup (self->delivery_note);
  copy->broken = self->broken;
  g_free (copy->broken_reason);
  copy->broken_reason = g_strdup (self->broken_reason);

  return copy;
}

gint64
confianza_promise_get_id (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), 0);

  return self->id;
}

void
confianza_promise_set_id (ConfianzaPromise *self,
                          gint64            id)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

gint64
confianza_promise_get_client_id (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), 0);

  return self->client_id;
}

void
confianza_promise_set_client_id (ConfianzaPromise *self,
                                 gint64            client_id)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_int64 (self, &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

gint64
confianza_promise_get_plan_id (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), 0);

  return self->plan_id;
}

void
confianza_promise_set_plan_id (ConfianzaPromise *self,
                               gint64            plan_id)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_int64 (self, &self->plan_id, plan_id, properties[PROP_PLAN_ID]);
}

const char *
confianza_promise_get_title (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->title;
}

void
confianza_promise_set_title (ConfianzaPromise *self,
                             const char       *title)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_text (self, &self->title, title, properties[PROP_TITLE]);
}

const char *
confianza_promise_get_kind (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->kind;
}

void
confianza_promise_set_kind (ConfianzaPromise *self,
                            const char       *kind)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_text (self, &self->kind, kind, properties[PROP_KIND]);
}

GDateTime *
confianza_promise_get_promised_on (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->promised_on;
}

void
confianza_promise_set_promised_on (ConfianzaPromise *self,
                                   GDateTime        *date)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_date (self, &self->promised_on, date, properties[PROP_PROMISED_ON]);
}

GDateTime *
confianza_promise_get_original_due_on (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->original_due_on;
}

void
confianza_promise_set_original_due_on (ConfianzaPromise *self,
                                       GDateTime        *date)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_date (self, &self->original_due_on, date, properties[PROP_ORIGINAL_DUE_ON]);
}

gboolean
confianza_promise_is_renegotiated (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), FALSE);

  return self->original_due_on != NULL && !confianza_date_equal (self->original_due_on, self->due_on);
}

GDateTime *
confianza_promise_get_due_on (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->due_on;
}

void
confianza_promise_set_due_on (ConfianzaPromise *self,
                              GDateTime        *date)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_date (self, &self->due_on, date, properties[PROP_DUE_ON]);
}

gboolean
confianza_promise_get_has_quantity (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), FALSE);

  return self->has_quantity;
}

void
confianza_promise_set_has_quantity (ConfianzaPromise *self,
                                    gboolean          has_quantity)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_boolean (self, &self->has_quantity, has_quantity, properties[PROP_HAS_QUANTITY]);
}

double
confianza_promise_get_promised_quantity (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), 0.0);

  return self->promised_quantity;
}

void
confianza_promise_set_promised_quantity (ConfianzaPromise *self,
                                         double            quantity)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_double (self, &self->promised_quantity, quantity, properties[PROP_PROMISED_QUANTITY]);
}

const char *
confianza_promise_get_unit (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->unit;
}

void
confianza_promise_set_unit (ConfianzaPromise *self,
                            const char       *unit)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_text (self, &self->unit, unit, properties[PROP_UNIT]);
}

GDateTime *
confianza_promise_get_delivered_on (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->delivered_on;
}

void
confianza_promise_set_delivered_on (ConfianzaPromise *self,
                                    GDateTime        *date)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_date (self, &self->delivered_on, date, properties[PROP_DELIVERED_ON]);
}

double
confianza_promise_get_delivered_quantity (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), 0.0);

  return self->delivered_quantity;
}

void
confianza_promise_set_delivered_quantity (ConfianzaPromise *self,
                                          double            quantity)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_double (self, &self->delivered_quantity, quantity, properties[PROP_DELIVERED_QUANTITY]);
}

const char *
confianza_promise_get_extras (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->extras;
}

void
confianza_promise_set_extras (ConfianzaPromise *self,
                              const char       *extras)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_text (self, &self->extras, extras, properties[PROP_EXTRAS]);
}

const char *
confianza_promise_get_delivery_note (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->delivery_note;
}

void
confianza_promise_set_delivery_note (ConfianzaPromise *self,
                                     const char       *note)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_text (self, &self->delivery_note, note, properties[PROP_DELIVERY_NOTE]);
}

gboolean
confianza_promise_get_broken (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), FALSE);

  return self->broken;
}

void
confianza_promise_set_broken (ConfianzaPromise *self,
                              gboolean          broken)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_boolean (self, &self->broken, broken, properties[PROP_BROKEN]);
}

const char *
confianza_promise_get_broken_reason (ConfianzaPromise *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), NULL);

  return self->broken_reason;
}

void
confianza_promise_set_broken_reason (ConfianzaPromise *self,
                                     const char       *reason)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE (self));

  confianza_record_set_text (self, &self->broken_reason, reason, properties[PROP_BROKEN_REASON]);
}

gboolean
confianza_promise_validate (ConfianzaPromise  *self,
                            const char       **property,
                            GError           **error)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (!confianza_rules_check_text (self->title, CONFIANZA_SHORT_TEXT_MAX,
                                   _("Write what you promised."), error))
    return confianza_model_invalid (property, "title");

  if (!confianza_rules_check_text (self->kind, CONFIANZA_SHORT_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "kind");

  if (self->promised_on == NULL)
    return confianza_model_fail (property, "promised-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Say on which day you made the promise."));

  if (self->due_on == NULL)
    return confianza_model_fail (property, "due-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Give the promise a due date."));

  if (confianza_date_compare (self->due_on, self->promised_on) < 0)
    return confianza_model_fail (property, "due-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                 _("The due date cannot be before the day the promise was made."));

  if (self->has_quantity)
    {
      if (!isfinite (self->promised_quantity) || self->promised_quantity <= 0)
        return confianza_model_fail (property, "promised-quantity", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                     _("The promised quantity must be a number greater than zero."));

      if (!isfinite (self->delivered_quantity))
        return confianza_model_fail (property, "delivered-quantity", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                     _("The delivered quantity must be a number."));

      if (self->delivered_quantity < 0)
        return confianza_model_fail (property, "delivered-quantity", error, CONFIANZA_MODEL_ERROR_NEGATIVE,
                     _("The delivered quantity cannot be negative."));
    }

  if (!confianza_rules_check_text (self->unit, CONFIANZA_SHORT_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "unit");

  if (self->delivered_on != NULL
      && confianza_date_compare (self->delivered_on, self->promised_on) < 0)
    return confianza_model_fail (property, "delivered-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                 _("A promise cannot be delivered before it was made."));

  if (!confianza_rules_check_text (self->extras, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "extras");

  if (!confianza_rules_check_text (self->delivery_note, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "delivery-note");

  /* There is no error code for two fields that contradict each other;
   * OUT_OF_RANGE is the closest: "broken" is not a possible value here. */
  if (self->broken && self->delivered_on != NULL)
    return confianza_model_fail (property, "broken", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                 _("A delivered promise cannot also be broken: remove the delivery date, or do not mark it as broken."));

  if (!confianza_rules_check_text (self->broken_reason, CONFIANZA_LONG_TEXT_MAX,
                                   self->broken ? _("Say why the promise was broken.") : NULL,
                                   error))
    return confianza_model_invalid (property, "broken-reason");

  return TRUE;
}

/* @today: (nullable): the day to judge by; NULL for the real today. */
ConfianzaPromiseResult
confianza_promise_get_result (ConfianzaPromise *self,
                              GDateTime        *today)
{
  ConfianzaPromiseResult none = { CONFIANZA_OUTCOME_OPEN, 0, 0.0, 0 };

  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), none);

  return confianza_rules_promise_outcome (self->due_on,
                                          self->delivered_on,
                                          self->broken,
                                          self->has_quantity,
                                          self->promised_quantity,
                                          self->delivered_quantity,
                                          self->extras,
                                          today);
}

ConfianzaOutcome
confianza_promise_get_outcome (ConfianzaPromise *self,
                               GDateTime        *today)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (self), CONFIANZA_OUTCOME_OPEN);

  return confianza_promise_get_result (self, today).outcome;
}
