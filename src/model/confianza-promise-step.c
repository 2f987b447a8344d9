/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-promise-step.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaPromiseStep
{
  GObject    parent_instance;

  gint64     id;
  gint64     promise_id;
  gint64     client_id;
  int        kind;
  GDateTime *recorded_on;
  GDateTime *old_due_on;
  GDateTime *new_due_on;
  GDateTime *told_on;
  gboolean   agreed;
  char      *reason;
};

G_DEFINE_FINAL_TYPE (ConfianzaPromiseStep, confianza_promise_step, G_TYPE_OBJECT)

static void
replace_date (GDateTime **field,
              GDateTime  *date)
{
  if (date != NULL)
    g_date_time_ref (date);
  g_clear_pointer (field, g_date_time_unref);
  *field = date;
}

static void
confianza_promise_step_finalize (GObject *object)
{
  ConfianzaPromiseStep *self = CONFIANZA_PROMISE_STEP (object);

  g_clear_pointer (&self->recorded_on, g_date_time_unref);
  g_clear_pointer (&self->old_due_on, g_date_time_unref);
  g_clear_pointer (&self->new_due_on, g_date_time_unref);
  g_clear_pointer (&self->told_on, g_date_time_unref);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (confianza_promise_step_parent_class)->finalize (object);
}

static void
confianza_promise_step_class_init (ConfianzaPromiseStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = confianza_promise_step_finalize;
}

static void
confianza_promise_step_init (ConfianzaPromiseStep *self)
{
  self->reason = g_strdup ("");
}

ConfianzaPromiseStep *
confianza_promise_step_new (ConfianzaLedgerKind kind)
{
  ConfianzaPromiseStep *self = g_object_new (CONFIANZA_TYPE_PROMISE_STEP, NULL);

  self->kind = kind;
  return self;
}

ConfianzaPromiseStep *
confianza_promise_step_copy (ConfianzaPromiseStep *self)
{
  ConfianzaPromiseStep *copy;

  g_return_val_if_fail (CONFIANZA_IS_PROMISE_STEP (self), NULL);

  copy = confianza_promise_step_new (self->kind);
  copy->id = self->id;
  copy->promise_id = self->promise_id;
  copy->client_id = self->client_id;
  replace_date (&copy->recorded_on, self->recorded_on);
  replace_date (&copy->old_due_on, self->old_due_on);
  replace_date (&copy->new_due_on, self->new_due_on);
  replace_date (&copy->told_on, self->told_on);
  copy->agreed = self->agreed;
  confianza_text_replace (&copy->reason, self->reason);
  return copy;
}

#define INT_ACCESSORS(type, field)                                        \
  type                                                                    \
  confianza_promise_step_get_##field (ConfianzaPromiseStep *self)         \
  {                                                                       \
    g_return_val_if_fail (CONFIANZA_IS_PROMISE_STEP (self), 0);           \
    return self->field;                                                   \
  }                                                                       \
  void                                                                    \
  confianza_promise_step_set_##field (ConfianzaPromiseStep *self,         \
                                      type                  value)        \
  {                                                                       \
    g_return_if_fail (CONFIANZA_IS_PROMISE_STEP (self));                  \
    self->field = value;                                                  \
  }
#define DATE_ACCESSORS(field)                                             \
  GDateTime *                                                             \
  confianza_promise_step_get_##field (ConfianzaPromiseStep *self)         \
  {                                                                       \
    g_return_val_if_fail (CONFIANZA_IS_PROMISE_STEP (self), NULL);        \
    return self->field;                                                   \
  }                                                                       \
  void                                                                    \
  confianza_promise_step_set_##field (ConfianzaPromiseStep *self,         \
                                      GDateTime            *date)         \
  {                                                                       \
    g_return_if_fail (CONFIANZA_IS_PROMISE_STEP (self));                  \
    replace_date (&self->field, date);                                    \
  }

INT_ACCESSORS (gint64, id)
INT_ACCESSORS (gint64, promise_id)
INT_ACCESSORS (gint64, client_id)
INT_ACCESSORS (int, kind)
INT_ACCESSORS (int, agreed)
DATE_ACCESSORS (recorded_on)
DATE_ACCESSORS (old_due_on)
DATE_ACCESSORS (new_due_on)
DATE_ACCESSORS (told_on)

#undef INT_ACCESSORS
#undef DATE_ACCESSORS

const char *
confianza_promise_step_get_reason (ConfianzaPromiseStep *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE_STEP (self), NULL);
  return self->reason;
}

void
confianza_promise_step_set_reason (ConfianzaPromiseStep *self,
                                   const char           *reason)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE_STEP (self));
  confianza_text_replace (&self->reason, reason);
}

gboolean
confianza_promise_step_is_in_time (ConfianzaPromiseStep *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE_STEP (self), FALSE);

  return self->kind == CONFIANZA_LEDGER_RENEGOTIATION &&
         confianza_ledger_is_in_time (self->old_due_on, self->told_on, self->agreed);
}

gboolean
confianza_promise_step_validate (ConfianzaPromiseStep  *self,
                                 const char           **property,
                                 GError               **error)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE_STEP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (self->kind != CONFIANZA_LEDGER_RENEGOTIATION && self->kind != CONFIANZA_LEDGER_CORRECTION)
    return confianza_model_fail (property, "kind", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                                 _("This change of a promise is of no known kind."));
  if (self->new_due_on == NULL || self->old_due_on == NULL)
    return confianza_model_fail (property, "new-due-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                                 _("Choose the new date."));
  if (self->kind == CONFIANZA_LEDGER_RENEGOTIATION && self->told_on == NULL)
    return confianza_model_fail (property, "told-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                                 _("Choose the day the client was told."));
  if (!confianza_rules_check_text (self->reason, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "reason");

  return TRUE;
}

static void
clear_ledger_step (gpointer data)
{
  confianza_ledger_step_clear (data);
}

GArray *
confianza_promise_steps_to_ledger (GPtrArray *steps,
                                   gint64     promise_id)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (ConfianzaLedgerStep));

  g_array_set_clear_func (out, clear_ledger_step);
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      ConfianzaPromiseStep *step = g_ptr_array_index (steps, i);
      ConfianzaLedgerStep ledger = { 0 };

      if (step->promise_id != promise_id)
        continue;
      ledger.kind = step->kind;
      replace_date (&ledger.recorded_on, step->recorded_on);
      replace_date (&ledger.old_due_on, step->old_due_on);
      replace_date (&ledger.new_due_on, step->new_due_on);
      replace_date (&ledger.told_on, step->told_on);
      ledger.agreed = step->agreed;
      ledger.reason = g_strdup (step->reason);
      g_array_append_val (out, ledger);
    }
  return out;
}
