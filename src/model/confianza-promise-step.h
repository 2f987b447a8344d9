/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-ledger.h"

G_BEGIN_DECLS

/*
 * One step of a promise's history as the store keeps it: a renegotiation
 * of its date or a correction (confianza-ledger.h says what each means).
 * Fields as in ConfianzaLedgerStep, plus the promise and client it belongs
 * to. Plain accessors; the object has no properties but its fields.
 */

#define CONFIANZA_TYPE_PROMISE_STEP (confianza_promise_step_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaPromiseStep, confianza_promise_step, CONFIANZA, PROMISE_STEP, GObject)

ConfianzaPromiseStep *confianza_promise_step_new             (ConfianzaLedgerKind    kind);
ConfianzaPromiseStep *confianza_promise_step_copy            (ConfianzaPromiseStep  *self);

gint64      confianza_promise_step_get_id          (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_id          (ConfianzaPromiseStep *self,
                                                    gint64                id);
gint64      confianza_promise_step_get_promise_id  (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_promise_id  (ConfianzaPromiseStep *self,
                                                    gint64                promise_id);
gint64      confianza_promise_step_get_client_id   (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_client_id   (ConfianzaPromiseStep *self,
                                                    gint64                client_id);
/* A ConfianzaLedgerKind */
int         confianza_promise_step_get_kind        (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_kind        (ConfianzaPromiseStep *self,
                                                    int                   kind);
GDateTime  *confianza_promise_step_get_recorded_on (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_recorded_on (ConfianzaPromiseStep *self,
                                                    GDateTime            *date);
GDateTime  *confianza_promise_step_get_old_due_on  (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_old_due_on  (ConfianzaPromiseStep *self,
                                                    GDateTime            *date);
GDateTime  *confianza_promise_step_get_new_due_on  (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_new_due_on  (ConfianzaPromiseStep *self,
                                                    GDateTime            *date);
GDateTime  *confianza_promise_step_get_told_on     (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_told_on     (ConfianzaPromiseStep *self,
                                                    GDateTime            *date);
int         confianza_promise_step_get_agreed      (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_agreed      (ConfianzaPromiseStep *self,
                                                    int                   agreed);
const char *confianza_promise_step_get_reason      (ConfianzaPromiseStep *self);
void        confianza_promise_step_set_reason      (ConfianzaPromiseStep *self,
                                                    const char           *reason);

/* A renegotiation told in time (confianza_ledger_is_in_time () against the
 * date it changed). */
gboolean    confianza_promise_step_is_in_time      (ConfianzaPromiseStep *self);

/* What the store checks before it keeps a step: the dates it needs and the
 * reason's length. */
gboolean    confianza_promise_step_validate        (ConfianzaPromiseStep  *self,
                                                    const char           **property,
                                                    GError               **error);

/* The steps of @promise_id among @steps (ConfianzaPromiseStep, in the order
 * they were made), as a new array of ConfianzaLedgerStep that clears its
 * elements: what the ledger's rules read. */
GArray     *confianza_promise_steps_to_ledger      (GPtrArray            *steps,
                                                    gint64                promise_id);

G_END_DECLS
