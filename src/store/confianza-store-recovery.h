/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "model/confianza-recovery-draft.h"

#include "confianza-store.h"

G_BEGIN_DECLS

/*
 * Saves a recovery plan with everything that goes with it, in one
 * transaction: the plan (inserted when its id is 0); the compensations
 * removed from @draft erased and its new ones inserted (linked to the
 * plan); its new messages (those copied or mailed before the plan was
 * saved) kept with the plan; the guarantee's promise written, updated or erased
 * (confianza_recovery_draft_guarantee_promise ()); the follow-ups kept to
 * the plan's schedule (confianza_recovery_draft_sync_follow_ups ()); and
 * the client's status moved with the outcome
 * (confianza_recovery_draft_update_client ()).
 *
 * On success the plan, the new compensations and messages have their ids, the plan
 * its guarantee's promise id, and nothing is left to erase. On failure
 * nothing was written, @error says why in words, and @draft is as it was
 * (its new records keep id 0), so that it can be saved again. Opens its
 * own transaction: not to be called between confianza_store_begin () and
 * confianza_store_commit ().
 */
gboolean confianza_store_save_recovery (ConfianzaStore          *self,
                                        ConfianzaRecoveryDraft  *draft,
                                        GError                 **error);

G_END_DECLS
