/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_PROMISE_DIALOG (confianza_promise_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaPromiseDialog, confianza_promise_dialog, CONFIANZA, PROMISE_DIALOG, ConfianzaDialog)

/* Adds a promise to the client @client_id, or edits @promise when it is not
 * NULL (its delivery, if any, is kept as it is). Emits "saved" with the
 * stored promise, then closes. Nothing is written before Save. */
ConfianzaPromiseDialog *confianza_promise_dialog_new (GtkWindow        *parent,
                                                      ConfianzaStore   *store,
                                                      gint64            client_id,
                                                      ConfianzaPromise *promise);

G_END_DECLS
