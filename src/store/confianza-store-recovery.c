/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

#include "config.h"

#include "confianza-store-recovery.h"

/* Built on the store's public API only: what a recovery plan is made of,
 * saved as one change. */

/* Helpers */

static GPtrArray *
model_to_array (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  return array;
}

/* The outcome the plan had when it was last saved. */
static gboolean
stored_outcome (ConfianzaStore         *self,
                ConfianzaRecoveryPlan  *plan,
                ConfianzaPlanOutcome   *outcome,
                GError                **error)
{
  g_autoptr(ConfianzaRecoveryPlan) stored = NULL;

  *outcome = CONFIANZA_PLAN_IN_PROGRESS;
  if (confianza_recovery_plan_get_id (plan) == 0)
    return TRUE;

  stored = confianza_store_get_recovery_plan (self, confianza_recovery_plan_get_id (plan), error);
  if (stored == NULL)
    return FALSE;

  *outcome = confianza_recovery_plan_get_outcome (stored);

  return TRUE;
}

static gboolean
save_compensations (ConfianzaStore          *self,
                    ConfianzaRecoveryDraft  *draft,
                    GError                 **error)
{
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  GArray *removed = confianza_recovery_draft_get_removed_compensations (draft);
  GPtrArray *compensations = confianza_recovery_draft_get_compensations (draft);

  for (guint i = 0; i < removed->len; i++)
    if (!confianza_store_delete_compensation (self, g_array_index (removed, gint64, i), error))
      return FALSE;

  for (guint i = 0; i < compensations->len; i++)
    {
      ConfianzaCompensation *compensation = g_ptr_array_index (compensations, i);

      if (confianza_compensation_get_id (compensation) > 0)
        continue;

      confianza_compensation_set_plan_id (compensation, confianza_recovery_plan_get_id (plan));
      if (!confianza_store_save_compensation (self, compensation, error))
        return FALSE;
    }

  return TRUE;
}

/* The messages that went out before the plan was first saved */
static gboolean
save_messages (ConfianzaStore          *self,
               ConfianzaRecoveryDraft  *draft,
               GError                 **error)
{
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  GPtrArray *messages = confianza_recovery_draft_get_messages (draft);

  for (guint i = 0; i < messages->len; i++)
    {
      ConfianzaRecoveryMessage *message = g_ptr_array_index (messages, i);

      if (confianza_recovery_message_get_id (message) > 0)
        continue;

      confianza_recovery_message_set_plan_id (message, confianza_recovery_plan_get_id (plan));
      confianza_recovery_message_set_client_id (message, confianza_recovery_plan_get_client_id (plan));
      if (!confianza_store_add_recovery_message (self, message, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_guarantee (ConfianzaStore          *self,
                ConfianzaRecoveryDraft  *draft,
                GError                 **error)
{
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  gint64 promise_id = confianza_recovery_plan_get_guarantee_promise_id (plan);
  g_autoptr(ConfianzaPromise) current = NULL;
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();

  /* A promise erased meanwhile is written again. */
  if (promise_id > 0)
    current = confianza_store_get_promise (self, promise_id, NULL);

  promise = confianza_recovery_draft_guarantee_promise (draft, current, today);
  if (promise == NULL)
    {
      if (current != NULL && !confianza_store_delete_promise (self, promise_id, error))
        return FALSE;
      confianza_recovery_plan_set_guarantee_promise_id (plan, 0);
    }
  else
    {
      if (!confianza_store_save_promise (self, promise, error))
        return FALSE;
      confianza_recovery_plan_set_guarantee_promise_id (plan, confianza_promise_get_id (promise));
    }

  /* The plan names its promise. */
  if (promise_id != confianza_recovery_plan_get_guarantee_promise_id (plan))
    return confianza_store_save_recovery_plan (self, plan, error);

  return TRUE;
}

static gboolean
save_follow_ups (ConfianzaStore          *self,
                 ConfianzaRecoveryDraft  *draft,
                 GError                 **error)
{
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  g_autoptr(GListModel) model = confianza_store_get_follow_ups (self, confianza_recovery_plan_get_id (plan));
  g_autoptr(GPtrArray) existing = model_to_array (model);
  g_autoptr(GPtrArray) obsolete = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = confianza_recovery_draft_sync_follow_ups (draft, existing, obsolete);

  for (guint i = 0; i < obsolete->len; i++)
    if (!confianza_store_delete_follow_up (self, confianza_follow_up_get_id (g_ptr_array_index (obsolete, i)), error))
      return FALSE;

  for (guint i = 0; i < added->len; i++)
    if (!confianza_store_save_follow_up (self, g_ptr_array_index (added, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
save_client (ConfianzaStore          *self,
             ConfianzaRecoveryDraft  *draft,
             ConfianzaPlanOutcome     previous_outcome,
             GError                 **error)
{
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  g_autoptr(ConfianzaClient) client = NULL;

  client = confianza_store_get_client (self, confianza_recovery_plan_get_client_id (plan), error);
  if (client == NULL)
    return FALSE;

  if (!confianza_recovery_draft_update_client (draft, previous_outcome, client))
    return TRUE;

  return confianza_store_save_client (self, client, error);
}

static gboolean
save_all (ConfianzaStore          *self,
          ConfianzaRecoveryDraft  *draft,
          GError                 **error)
{
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  ConfianzaPlanOutcome previous_outcome;

  return stored_outcome (self, plan, &previous_outcome, error)
         && confianza_store_save_recovery_plan (self, plan, error)
         && save_compensations (self, draft, error)
         && save_messages (self, draft, error)
         && save_guarantee (self, draft, error)
         && save_follow_ups (self, draft, error)
         && save_client (self, draft, previous_outcome, error);
}

/* Public API */

gboolean
confianza_store_save_recovery (ConfianzaStore          *self,
                               ConfianzaRecoveryDraft  *draft,
                               GError                 **error)
{
  ConfianzaRecoveryPlan *plan;
  GPtrArray *compensations;
  GPtrArray *messages;
  gint64 plan_id;
  gint64 promise_id;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (draft), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plan = confianza_recovery_draft_get_plan (draft);
  compensations = confianza_recovery_draft_get_compensations (draft);
  messages = confianza_recovery_draft_get_messages (draft);
  plan_id = confianza_recovery_plan_get_id (plan);
  promise_id = confianza_recovery_plan_get_guarantee_promise_id (plan);

  if (!confianza_store_begin (self, error))
    return FALSE;

  if (!save_all (self, draft, &local_error) || !confianza_store_commit (self, &local_error))
    {
      /* Nothing after a failed commit (it has rolled back already). */
      confianza_store_rollback (self);

      /* The store gave every new record id 0 back; the links made here
       * are undone too. */
      confianza_recovery_plan_set_guarantee_promise_id (plan, promise_id);
      for (guint i = 0; i < compensations->len; i++)
        {
          ConfianzaCompensation *compensation = g_ptr_array_index (compensations, i);

          if (confianza_compensation_get_id (compensation) == 0)
            confianza_compensation_set_plan_id (compensation, plan_id);
        }
      for (guint i = 0; i < messages->len; i++)
        {
          ConfianzaRecoveryMessage *message = g_ptr_array_index (messages, i);

          if (confianza_recovery_message_get_id (message) == 0)
            confianza_recovery_message_set_plan_id (message, plan_id);
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  confianza_recovery_draft_clear_removed_compensations (draft);

  return TRUE;
}
