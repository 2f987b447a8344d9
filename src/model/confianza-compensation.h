/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-enums.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_COMPENSATION (confianza_compensation_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaCompensation, confianza_compensation, CONFIANZA, COMPENSATION, GObject)

/* Properties: "id", "plan-id", "client-id" (gint64), "kind"
 * (ConfianzaCompensationKind), "amount-cents" (gint64, money as integer
 * cents, 0 when the compensation is not money), "currency" (ISO 4217 code,
 * e.g. "EUR"), "description" (string), "given-on" (GDateTime, nullable
 * until it is given). */

ConfianzaCompensation     *confianza_compensation_new              (gint64                     plan_id,
                                                                    gint64                     client_id,
                                                                    ConfianzaCompensationKind  kind);
ConfianzaCompensation     *confianza_compensation_copy             (ConfianzaCompensation     *self);

gint64                     confianza_compensation_get_id           (ConfianzaCompensation     *self);
void                       confianza_compensation_set_id           (ConfianzaCompensation     *self,
                                                                    gint64                     id);
gint64                     confianza_compensation_get_plan_id      (ConfianzaCompensation     *self);
void                       confianza_compensation_set_plan_id      (ConfianzaCompensation     *self,
                                                                    gint64                     plan_id);
gint64                     confianza_compensation_get_client_id    (ConfianzaCompensation     *self);
void                       confianza_compensation_set_client_id    (ConfianzaCompensation     *self,
                                                                    gint64                     client_id);
ConfianzaCompensationKind  confianza_compensation_get_kind         (ConfianzaCompensation     *self);
void                       confianza_compensation_set_kind         (ConfianzaCompensation     *self,
                                                                    ConfianzaCompensationKind  kind);
gint64                     confianza_compensation_get_amount_cents (ConfianzaCompensation     *self);
void                       confianza_compensation_set_amount_cents (ConfianzaCompensation     *self,
                                                                    gint64                     cents);
const char                *confianza_compensation_get_currency     (ConfianzaCompensation     *self);
void                       confianza_compensation_set_currency     (ConfianzaCompensation     *self,
                                                                    const char                *currency);
const char                *confianza_compensation_get_description  (ConfianzaCompensation     *self);
void                       confianza_compensation_set_description  (ConfianzaCompensation     *self,
                                                                    const char                *text);
GDateTime                 *confianza_compensation_get_given_on     (ConfianzaCompensation     *self);
void                       confianza_compensation_set_given_on     (ConfianzaCompensation     *self,
                                                                    GDateTime                 *date);

gboolean                   confianza_compensation_validate         (ConfianzaCompensation     *self,
                                                                    const char              **property,
                                                                    GError                   **error);

G_END_DECLS
