/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "model/confianza-promise.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_PROMISE_ROW (confianza_promise_row_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaPromiseRow, confianza_promise_row, CONFIANZA, PROMISE_ROW, GtkWidget)

/* One promise of the ledger on a narrow window: what, the dates and
 * quantities as sentences, the outcome as a chip and its actions. */
GtkWidget        *confianza_promise_row_new        (void);
ConfianzaPromise *confianza_promise_row_get_record (ConfianzaPromiseRow *self);
void              confianza_promise_row_set_record (ConfianzaPromiseRow *self,
                                                    ConfianzaPromise    *record);

/* The actions a promise offers (client.deliver-promise and so on, with
 * its id), as a menu: closed promises cannot be broken any more. */
GMenuModel       *confianza_promise_menu_new       (ConfianzaPromise    *promise,
                                                    ConfianzaOutcome     outcome);
void              confianza_promise_menu_button_update (GtkMenuButton    *button,
                                                       ConfianzaPromise *promise);
/* The CSS class of an outcome's chip: success, warning, error or NULL. */
const char       *confianza_outcome_css_class      (ConfianzaOutcome     outcome);
/* The ledger line as sentences: promised and due dates, quantities,
 * delivery, extras and the reason it was broken. */
char             *confianza_promise_describe       (ConfianzaPromise    *promise,
                                                    ConfianzaPromiseResult *result);
char             *confianza_format_quantity        (double               quantity,
                                                    const char          *unit);

G_END_DECLS
