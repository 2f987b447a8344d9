/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_DELIVER_DIALOG (confianza_deliver_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaDeliverDialog, confianza_deliver_dialog, CONFIANZA, DELIVER_DIALOG, ConfianzaDialog)

/* Marks @promise delivered (or corrects its delivery), showing the outcome
 * as it will be. Saves a copy and emits "saved" with it, then closes;
 * @promise itself is not changed. */
ConfianzaDeliverDialog *confianza_deliver_dialog_new (GtkWindow        *parent,
                                                      ConfianzaStore   *store,
                                                      ConfianzaPromise *promise);

G_END_DECLS
