/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recovery-draft"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date.h"
#include "confianza-recovery.h"
#include "confianza-recovery-draft.h"

struct _ConfianzaRecoveryDraft
{
  GObject                parent_instance;

  ConfianzaRecoveryPlan *plan;
  GPtrArray             *compensations;
  GArray                *removed_compensations;
  GPtrArray             *messages;
};

G_DEFINE_FINAL_TYPE (ConfianzaRecoveryDraft, confianza_recovery_draft, G_TYPE_OBJECT)

/* Helpers */

/* As the wizard always read its text fields: ASCII blanks only. */
static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return copy[0] == '\0';
}

/* GObject */

static void
confianza_recovery_draft_finalize (GObject *object)
{
  ConfianzaRecoveryDraft *self = CONFIANZA_RECOVERY_DRAFT (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->compensations, g_ptr_array_unref);
  g_clear_pointer (&self->removed_compensations, g_array_unref);
  g_clear_pointer (&self->messages, g_ptr_array_unref);

  G_OBJECT_CLASS (confianza_recovery_draft_parent_class)->finalize (object);
}

static void
confianza_recovery_draft_class_init (ConfianzaRecoveryDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_recovery_draft_finalize;
}

static void
confianza_recovery_draft_init (ConfianzaRecoveryDraft *self)
{
  self->compensations = g_ptr_array_new_with_free_func (g_object_unref);
  self->removed_compensations = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->messages = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

ConfianzaRecoveryDraft *
confianza_recovery_draft_new (ConfianzaRecoveryPlan *plan)
{
  ConfianzaRecoveryDraft *self;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), NULL);

  self = g_object_new (CONFIANZA_TYPE_RECOVERY_DRAFT, NULL);
  self->plan = g_object_ref (plan);

  return self;
}

ConfianzaRecoveryPlan *
confianza_recovery_draft_get_plan (ConfianzaRecoveryDraft *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self), NULL);

  return self->plan;
}

void
confianza_recovery_draft_set_plan (ConfianzaRecoveryDraft *self,
                                   ConfianzaRecoveryPlan  *plan)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self));
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan));

  g_set_object (&self->plan, plan);
}

GPtrArray *
confianza_recovery_draft_get_compensations (ConfianzaRecoveryDraft *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self), NULL);

  return self->compensations;
}

void
confianza_recovery_draft_add_compensation (ConfianzaRecoveryDraft *self,
                                           ConfianzaCompensation  *compensation)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self));
  g_return_if_fail (CONFIANZA_IS_COMPENSATION (compensation));

  g_ptr_array_add (self->compensations, g_object_ref (compensation));
}

void
confianza_recovery_draft_remove_compensation (ConfianzaRecoveryDraft *self,
                                              guint                   index)
{
  gint64 id;

  g_return_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self));
  g_return_if_fail (index < self->compensations->len);

  id = confianza_compensation_get_id (g_ptr_array_index (self->compensations, index));
  if (id > 0)
    g_array_append_val (self->removed_compensations, id);
  g_ptr_array_remove_index (self->compensations, index);
}

GArray *
confianza_recovery_draft_get_removed_compensations (ConfianzaRecoveryDraft *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self), NULL);

  return self->removed_compensations;
}

void
confianza_recovery_draft_clear_removed_compensations (ConfianzaRecoveryDraft *self)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self));

  g_array_set_size (self->removed_compensations, 0);
}

GPtrArray *
confianza_recovery_draft_get_messages (ConfianzaRecoveryDraft *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self), NULL);

  return self->messages;
}

void
confianza_recovery_draft_add_message (ConfianzaRecoveryDraft   *self,
                                      ConfianzaRecoveryMessage *message)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self));
  g_return_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (message));

  g_ptr_array_add (self->messages, g_object_ref (message));
}

static int
compare_sent (gconstpointer a,
              gconstpointer b)
{
  ConfianzaRecoveryMessage *first = *(ConfianzaRecoveryMessage **) a;
  ConfianzaRecoveryMessage *second = *(ConfianzaRecoveryMessage **) b;

  return confianza_date_compare (confianza_recovery_message_get_sent_on (first),
                                 confianza_recovery_message_get_sent_on (second));
}

GPtrArray *
confianza_recovery_draft_messages_of (ConfianzaRecoveryDraft *self,
                                      ConfianzaWordsKind      kind)
{
  GPtrArray *out;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self), NULL);

  out = g_ptr_array_new ();
  for (guint i = 0; i < self->messages->len; i++)
    if (confianza_recovery_message_get_kind (g_ptr_array_index (self->messages, i)) == (int) kind)
      g_ptr_array_add (out, g_ptr_array_index (self->messages, i));
  /* Stable: the same day keeps the order they went out in */
  g_ptr_array_sort (out, compare_sent);

  return out;
}

GPtrArray *
confianza_recovery_draft_sync_follow_ups (ConfianzaRecoveryDraft *self,
                                          GPtrArray              *existing,
                                          GPtrArray              *obsolete)
{
  g_autoptr(GPtrArray) dates = NULL;
  GPtrArray *added;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self), NULL);
  g_return_val_if_fail (existing != NULL, NULL);
  g_return_val_if_fail (obsolete != NULL, NULL);

  dates = confianza_recovery_plan_follow_up_dates (self->plan);
  added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < existing->len; i++)
    {
      ConfianzaFollowUp *follow_up = g_ptr_array_index (existing, i);
      gboolean wanted = FALSE;

      if (confianza_follow_up_get_done_on (follow_up) != NULL)
        continue;

      for (guint j = 0; j < dates->len && !wanted; j++)
        wanted = confianza_date_equal (g_ptr_array_index (dates, j), confianza_follow_up_get_due_on (follow_up));

      if (!wanted)
        g_ptr_array_add (obsolete, follow_up);
    }

  for (guint j = 0; j < dates->len; j++)
    {
      GDateTime *date = g_ptr_array_index (dates, j);
      gboolean present = FALSE;

      for (guint i = 0; i < existing->len && !present; i++)
        present = confianza_date_equal (date, confianza_follow_up_get_due_on (g_ptr_array_index (existing, i)));

      if (!present)
        g_ptr_array_add (added, confianza_follow_up_new (confianza_recovery_plan_get_id (self->plan),
                                                         confianza_recovery_plan_get_client_id (self->plan),
                                                         date));
    }

  return added;
}

ConfianzaPromise *
confianza_recovery_draft_guarantee_promise (ConfianzaRecoveryDraft *self,
                                            ConfianzaPromise       *current,
                                            GDateTime              *today)
{
  const char *terms;
  GDateTime *until;
  g_autofree char *title = NULL;
  ConfianzaPromise *promise;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self), NULL);
  g_return_val_if_fail (current == NULL || CONFIANZA_IS_PROMISE (current), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  terms = confianza_recovery_plan_get_guarantee_terms (self->plan);
  until = confianza_recovery_plan_get_guarantee_until (self->plan);
  if (is_blank (terms) || until == NULL)
    return NULL;

  title = confianza_recovery_guarantee_title (terms);
  if (current == NULL)
    {
      /* A guarantee recorded after it ended was promised no later than its end. */
      promise = confianza_promise_new (confianza_recovery_plan_get_client_id (self->plan), title,
                                       confianza_date_compare (until, today) < 0 ? until : today,
                                       until);
      confianza_promise_set_kind (promise, _("Special guarantee"));
    }
  else
    {
      promise = confianza_promise_copy (current);
      confianza_promise_set_title (promise, title);
      confianza_promise_set_due_on (promise, until);
      if (confianza_date_compare (until, confianza_promise_get_promised_on (promise)) < 0)
        confianza_promise_set_promised_on (promise, until);
    }
  confianza_promise_set_plan_id (promise, confianza_recovery_plan_get_id (self->plan));

  return promise;
}

gboolean
confianza_recovery_draft_update_client (ConfianzaRecoveryDraft *self,
                                        ConfianzaPlanOutcome    previous_outcome,
                                        ConfianzaClient        *client)
{
  ConfianzaClientStatus status;
  ConfianzaClientStatus wanted;
  gboolean changed = FALSE;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (client), FALSE);

  status = confianza_client_get_status (client);
  wanted = status;

  switch (confianza_recovery_plan_get_outcome (self->plan))
    {
    case CONFIANZA_PLAN_LET_GO:
      wanted = CONFIANZA_CLIENT_STATUS_LET_GO;
      changed = g_strcmp0 (confianza_client_get_let_go_reason (client),
                           confianza_recovery_plan_get_outcome_reason (self->plan)) != 0;
      confianza_client_set_let_go_reason (client, confianza_recovery_plan_get_outcome_reason (self->plan));
      break;

    case CONFIANZA_PLAN_RECOVERED:
      wanted = CONFIANZA_CLIENT_STATUS_RECOVERED;
      break;

    case CONFIANZA_PLAN_IN_PROGRESS:
    default:
      if (status == CONFIANZA_CLIENT_STATUS_ACTIVE || status == CONFIANZA_CLIENT_STATUS_AT_RISK)
        {
          wanted = CONFIANZA_CLIENT_STATUS_RECOVERING;
        }
      else if (status == CONFIANZA_CLIENT_STATUS_LET_GO && previous_outcome == CONFIANZA_PLAN_LET_GO)
        {
          /* Letting go undone in this plan: back to recovering. */
          wanted = CONFIANZA_CLIENT_STATUS_RECOVERING;
          confianza_client_set_let_go_reason (client, NULL);
        }
      break;
    }

  if (wanted == status && !changed)
    return FALSE;

  confianza_client_set_status (client, wanted);

  return TRUE;
}
