/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-client.h"
#include "confianza-compensation.h"
#include "confianza-follow-up.h"
#include "confianza-promise.h"
#include "confianza-recovery-message.h"
#include "confianza-recovery-plan.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_RECOVERY_DRAFT (confianza_recovery_draft_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRecoveryDraft, confianza_recovery_draft, CONFIANZA, RECOVERY_DRAFT, GObject)

/*
 * A recovery plan as it is being written, with the parts that are saved
 * with it in one go (confianza_store_save_recovery ()): the plan, its
 * compensations (stored ones and new ones, id 0), the ids of the stored
 * compensations removed since the last save, and the messages that went
 * out (ConfianzaRecoveryMessage: stored ones and new ones, id 0, kept
 * with the plan when it is saved).
 *
 * The rest of what saving a plan writes follows from the plan, by the
 * rules below: its follow-ups keep to its schedule, its guarantee is a
 * promise to the client, and the client's status moves with its outcome.
 */
ConfianzaRecoveryDraft *confianza_recovery_draft_new          (ConfianzaRecoveryPlan  *plan);

ConfianzaRecoveryPlan  *confianza_recovery_draft_get_plan     (ConfianzaRecoveryDraft *self);
void                    confianza_recovery_draft_set_plan     (ConfianzaRecoveryDraft *self,
                                                               ConfianzaRecoveryPlan  *plan);

/* The compensations, in the order they were added (borrowed; do not add
 * to or remove from it directly). */
GPtrArray              *confianza_recovery_draft_get_compensations (ConfianzaRecoveryDraft *self);
/* Takes a reference to @compensation. */
void                    confianza_recovery_draft_add_compensation  (ConfianzaRecoveryDraft *self,
                                                                    ConfianzaCompensation  *compensation);
/* A stored one is remembered, to be erased on the next save. */
void                    confianza_recovery_draft_remove_compensation (ConfianzaRecoveryDraft *self,
                                                                      guint                   index);
/* Ids (gint64) of the stored compensations removed since the last save. */
GArray                 *confianza_recovery_draft_get_removed_compensations (ConfianzaRecoveryDraft *self);
/* After a save: nothing is waiting to be erased any more. */
void                    confianza_recovery_draft_clear_removed_compensations (ConfianzaRecoveryDraft *self);

/* The messages that went out, in the order they were added (borrowed;
 * do not change it directly). */
GPtrArray              *confianza_recovery_draft_get_messages (ConfianzaRecoveryDraft *self);
/* Takes a reference to @message. */
void                    confianza_recovery_draft_add_message  (ConfianzaRecoveryDraft   *self,
                                                               ConfianzaRecoveryMessage *message);
/* The messages of @kind, oldest first (a new array of borrowed ones). */
GPtrArray              *confianza_recovery_draft_messages_of  (ConfianzaRecoveryDraft *self,
                                                               ConfianzaWordsKind      kind);

/*
 * The follow-ups follow the plan's schedule (confianza_recovery_plan_
 * follow_up_dates ()): of @existing (ConfianzaFollowUp, the plan's stored
 * ones), those done always stay; those not done whose day left the
 * schedule go, and are added to @obsolete (borrowed from @existing); each
 * day of the schedule that has no follow-up yet gets a new one, returned
 * (a new array of new ConfianzaFollowUp, id 0, of the plan and its client).
 */
GPtrArray              *confianza_recovery_draft_sync_follow_ups (ConfianzaRecoveryDraft *self,
                                                                  GPtrArray              *existing,
                                                                  GPtrArray              *obsolete);

/*
 * The guarantee is a promise to the client, kept like every promise: the
 * promise that tracks it as it should be saved now, or NULL when the plan
 * offers no guarantee (no terms, or no end), and then @current, if any,
 * is to be erased. @current (may be NULL) is the promise that tracks it
 * already: a copy of it is returned, with the guarantee's title and end
 * (promised no later than the end). A new one is promised @today, or on
 * the guarantee's end when that came first, and its kind says it is a
 * special guarantee. Either way it belongs to the plan. Returns a new
 * reference.
 */
ConfianzaPromise       *confianza_recovery_draft_guarantee_promise (ConfianzaRecoveryDraft *self,
                                                                    ConfianzaPromise       *current,
                                                                    GDateTime              *today);

/*
 * The client's status follows the plan: letting go makes them "let go",
 * with the plan's reason; recovered makes them "recovered"; a plan in
 * progress makes an active or at-risk client "recovering", and a client let
 * go by this very plan (its outcome was @previous_outcome when last saved)
 * "recovering" again, without the reason. Changes @client; returns TRUE
 * when it changed and is to be saved.
 */
gboolean                confianza_recovery_draft_update_client (ConfianzaRecoveryDraft *self,
                                                                ConfianzaPlanOutcome    previous_outcome,
                                                                ConfianzaClient        *client);

G_END_DECLS
