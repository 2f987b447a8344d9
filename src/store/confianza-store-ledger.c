/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-store-internal.h"
#include "model/confianza-date.h"

/* A promise's history: a renegotiation kept as one change (the step, and
 * the promise's date when the ledger's rules move it). No SQL here: the
 * step is a record kind (confianza-store-tables.c). */

/* The date the promise had before any step: the first step's old date */
static GDateTime *
original_due_on (ConfianzaPromise *promise,
                 GPtrArray        *steps)
{
  if (steps->len > 0)
    return confianza_promise_step_get_old_due_on (g_ptr_array_index (steps, 0));
  return confianza_promise_get_due_on (promise);
}

/* Clears @property; the promise as it is on disk, not as a window holds it */
static ConfianzaPromise *
read_promise_on_disk (ConfianzaStore  *self,
                      gint64           promise_id,
                      const char     **property,
                      GError         **error)
{
  if (property != NULL)
    *property = NULL;

  return confianza_store_get_promise (self, promise_id, error);
}

ConfianzaPromiseStep *
confianza_store_renegotiate_promise (ConfianzaStore  *self,
                                     gint64           promise_id,
                                     GDateTime       *new_due_on,
                                     GDateTime       *told_on,
                                     gboolean         agreed,
                                     const char      *reason,
                                     GDateTime       *today,
                                     const char     **property,
                                     GError         **error)
{
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(ConfianzaPromiseStep) step = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GArray) ledger = NULL;
  g_autoptr(GDateTime) real_today = NULL;
  g_autoptr(GDateTime) agreed_on = NULL;
  GDateTime *due_on;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (today == NULL)
    today = real_today = confianza_date_today ();

  promise = read_promise_on_disk (self, promise_id, property, error);
  if (promise == NULL)
    return NULL;
  if (confianza_promise_get_delivered_on (promise) != NULL || confianza_promise_get_broken (promise))
    {
      g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                           _("This promise is already delivered or broken: its date can no longer be renegotiated."));
      return NULL;
    }

  due_on = confianza_promise_get_due_on (promise);
  if (!confianza_ledger_validate_renegotiation (confianza_promise_get_promised_on (promise),
                                                due_on, new_due_on, told_on, reason,
                                                today, property, error))
    return NULL;

  steps = confianza_store_load_promise_steps (self, 0, promise_id, error);
  if (steps == NULL)
    return NULL;

  step = confianza_promise_step_new (CONFIANZA_LEDGER_RENEGOTIATION);
  confianza_promise_step_set_promise_id (step, promise_id);
  confianza_promise_step_set_client_id (step, confianza_promise_get_client_id (promise));
  confianza_promise_step_set_recorded_on (step, today);
  confianza_promise_step_set_old_due_on (step, due_on);
  confianza_promise_step_set_new_due_on (step, new_due_on);
  confianza_promise_step_set_told_on (step, told_on);
  confianza_promise_step_set_agreed (step, agreed);
  confianza_promise_step_set_reason (step, reason);

  /* The ledger's rules over every step, this one included */
  ledger = confianza_promise_steps_to_ledger (steps, promise_id);
  {
    g_autoptr(GPtrArray) one = g_ptr_array_new ();
    g_autoptr(GArray) last = NULL;

    g_ptr_array_add (one, step);
    last = confianza_promise_steps_to_ledger (one, promise_id);
    g_array_append_vals (ledger, last->data, last->len);
    /* The structs moved into @ledger: @last must not clear them */
    g_array_set_clear_func (last, NULL);
  }
  agreed_on = confianza_ledger_agreed_due_on (original_due_on (promise, steps),
                                              (const ConfianzaLedgerStep *) ledger->data, ledger->len);

  if (!confianza_store_begin (self, error))
    return NULL;
  if (!store_save_record (self, KIND_PROMISE_STEP, step, error))
    goto failed;
  if (!confianza_date_equal (agreed_on, due_on))
    {
      if (confianza_promise_get_original_due_on (promise) == NULL)
        confianza_promise_set_original_due_on (promise, original_due_on (promise, steps));
      confianza_promise_set_due_on (promise, agreed_on);
      if (!confianza_store_save_promise (self, promise, error))
        goto failed;
    }
  if (!confianza_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&step);

failed:
  confianza_store_rollback (self);
  return NULL;
}

gboolean
store_promise_terms_unlocked (ConfianzaStore    *self,
                              ConfianzaPromise  *promise,
                              GError           **error)
{
  g_autoptr(ConfianzaPromise) stored = NULL;
  gint64 id = confianza_promise_get_id (promise);
  gboolean same;

  if (id == 0 || self->correcting)
    return TRUE;

  /* Gone: saving it says so */
  stored = store_get_record (self, KIND_PROMISE, "id", id, NULL);
  if (stored == NULL)
    return TRUE;
  if (confianza_promise_get_delivered_on (stored) == NULL && !confianza_promise_get_broken (stored))
    return TRUE;

  same = confianza_date_equal (confianza_promise_get_due_on (stored), confianza_promise_get_due_on (promise)) &&
         confianza_date_equal (confianza_promise_get_promised_on (stored), confianza_promise_get_promised_on (promise)) &&
         confianza_date_equal (confianza_promise_get_original_due_on (stored),
                               confianza_promise_get_original_due_on (promise)) &&
         confianza_promise_get_has_quantity (stored) == confianza_promise_get_has_quantity (promise) &&
         confianza_promise_get_promised_quantity (stored) == confianza_promise_get_promised_quantity (promise);
  if (same)
    return TRUE;

  g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                       _("This promise is already delivered or broken: what was promised and for when can no longer change. A mistake in it is corrected with “Correct a Mistake…”, which keeps the correction in its history."));
  return FALSE;
}

ConfianzaPromiseStep *
confianza_store_correct_promise (ConfianzaStore  *self,
                                 gint64           promise_id,
                                 GDateTime       *new_due_on,
                                 const char      *reason,
                                 GDateTime       *today,
                                 const char     **property,
                                 GError         **error)
{
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(ConfianzaPromiseStep) step = NULL;
  g_autoptr(GDateTime) real_today = NULL;
  gboolean ok;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  promise = read_promise_on_disk (self, promise_id, property, error);
  if (promise == NULL)
    return NULL;
  if (today == NULL)
    today = real_today = confianza_date_today ();

  /* The same checks as a new date, but for when the client was told */
  if (!confianza_ledger_validate_renegotiation (confianza_promise_get_promised_on (promise),
                                                confianza_promise_get_due_on (promise), new_due_on,
                                                today, reason, today, property, error))
    return NULL;

  step = confianza_promise_step_new (CONFIANZA_LEDGER_CORRECTION);
  confianza_promise_step_set_promise_id (step, promise_id);
  confianza_promise_step_set_client_id (step, confianza_promise_get_client_id (promise));
  confianza_promise_step_set_recorded_on (step, today);
  confianza_promise_step_set_old_due_on (step, confianza_promise_get_due_on (promise));
  confianza_promise_step_set_new_due_on (step, new_due_on);
  confianza_promise_step_set_reason (step, reason);

  if (!confianza_store_begin (self, error))
    return NULL;
  confianza_promise_set_due_on (promise, new_due_on);
  self->correcting = TRUE;
  ok = store_save_record (self, KIND_PROMISE_STEP, step, error) &&
       confianza_store_save_promise (self, promise, error);
  self->correcting = FALSE;
  if (!ok)
    {
      confianza_store_rollback (self);
      return NULL;
    }
  if (!confianza_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&step);
}
