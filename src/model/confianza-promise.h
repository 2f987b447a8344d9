/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-enums.h"
#include "confianza-rules.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_PROMISE (confianza_promise_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaPromise, confianza_promise, CONFIANZA, PROMISE, GObject)

/* Properties: "id", "client-id", "plan-id" (gint64; plan-id is set when the
 * promise is a recovery plan's special guarantee, else 0), "title" (what was
 * promised), "kind" (free-text kind or tag, for safe due dates),
 * "promised-on", "due-on" (GDateTime: the date the promise is judged
 * against, its agreed date), "original-due-on" (GDateTime, nullable: the
 * first due date, once a renegotiation told in time moved it; see
 * confianza-ledger.h), "has-quantity" (gboolean),
 * "promised-quantity" (double), "unit" (string), "delivered-on" (GDateTime,
 * nullable), "delivered-quantity" (double, meaningful with has-quantity),
 * "extras" (what was delivered beyond the promise), "delivery-note",
 * "broken" (gboolean), "broken-reason" (string). */

ConfianzaPromise *confianza_promise_new                    (gint64             client_id,
                                                            const char        *title,
                                                            GDateTime         *promised_on,
                                                            GDateTime         *due_on);
ConfianzaPromise *confianza_promise_copy                   (ConfianzaPromise  *self);

gint64            confianza_promise_get_id                 (ConfianzaPromise  *self);
void              confianza_promise_set_id                 (ConfianzaPromise  *self,
                                                            gint64             id);
gint64            confianza_promise_get_client_id          (ConfianzaPromise  *self);
void              confianza_promise_set_client_id          (ConfianzaPromise  *self,
                                                            gint64             client_id);
gint64            confianza_promise_get_plan_id            (ConfianzaPromise  *self);
void              confianza_promise_set_plan_id            (ConfianzaPromise  *self,
                                                            gint64             plan_id);
const char       *confianza_promise_get_title              (ConfianzaPromise  *self);
void              confianza_promise_set_title              (ConfianzaPromise  *self,
                                                            const char        *title);
const char       *confianza_promise_get_kind               (ConfianzaPromise  *self);
void              confianza_promise_set_kind               (ConfianzaPromise  *self,
                                                            const char        *kind);
GDateTime        *confianza_promise_get_promised_on        (ConfianzaPromise  *self);
void              confianza_promise_set_promised_on        (ConfianzaPromise  *self,
                                                            GDateTime         *date);
GDateTime        *confianza_promise_get_due_on             (ConfianzaPromise  *self);
void              confianza_promise_set_due_on             (ConfianzaPromise  *self,
                                                            GDateTime         *date);
GDateTime        *confianza_promise_get_original_due_on  (ConfianzaPromise  *self);
void              confianza_promise_set_original_due_on  (ConfianzaPromise  *self,
                                                            GDateTime         *date);
/* Whether its date was renegotiated in time: it has an original due date
 * other than its due date. */
gboolean          confianza_promise_is_renegotiated        (ConfianzaPromise  *self);
gboolean          confianza_promise_get_has_quantity       (ConfianzaPromise  *self);
void              confianza_promise_set_has_quantity       (ConfianzaPromise  *self,
                                                            gboolean           has_quantity);
double            confianza_promise_get_promised_quantity  (ConfianzaPromise  *self);
void              confianza_promise_set_promised_quantity  (ConfianzaPromise  *self,
                                                            double             quantity);
const char       *confianza_promise_get_unit               (ConfianzaPromise  *self);
void              confianza_promise_set_unit               (ConfianzaPromise  *self,
                                                            const char        *unit);
GDateTime        *confianza_promise_get_delivered_on       (ConfianzaPromise  *self);
void              confianza_promise_set_delivered_on       (ConfianzaPromise  *self,
                                                            GDateTime         *date);
double            confianza_promise_get_delivered_quantity (ConfianzaPromise  *self);
void              confianza_promise_set_delivered_quantity (ConfianzaPromise  *self,
                                                            double             quantity);
const char       *confianza_promise_get_extras             (ConfianzaPromise  *self);
void              confianza_promise_set_extras             (ConfianzaPromise  *self,
                                                            const char        *extras);
const char       *confianza_promise_get_delivery_note      (ConfianzaPromise  *self);
void              confianza_promise_set_delivery_note      (ConfianzaPromise  *self,
                                                            const char        *note);
gboolean          confianza_promise_get_broken             (ConfianzaPromise  *self);
void              confianza_promise_set_broken             (ConfianzaPromise  *self,
                                                            gboolean           broken);
const char       *confianza_promise_get_broken_reason      (ConfianzaPromise  *self);
void              confianza_promise_set_broken_reason      (ConfianzaPromise  *self,
                                                            const char        *reason);

gboolean          confianza_promise_validate               (ConfianzaPromise  *self,
                                                            const char      **property,
                                                            GError           **error);

/* The promise's whole outcome as of @today (NULL = the real today): the
 * outcome, days early or late (or overdue so far), the quantity ratio.
 * See confianza-rules.h. */
ConfianzaPromiseResult confianza_promise_get_result        (ConfianzaPromise  *self,
                                                            GDateTime         *today);
/* Only the outcome of confianza_promise_get_result (). */
ConfianzaOutcome  confianza_promise_get_outcome            (ConfianzaPromise  *self,
                                                            GDateTime         *today);

G_END_DECLS
