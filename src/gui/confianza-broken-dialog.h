/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_BROKEN_DIALOG (confianza_broken_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaBrokenDialog, confianza_broken_dialog, CONFIANZA, BROKEN_DIALOG, ConfianzaDialog)

/* Marks @promise broken, with the reason the user gives. Saves a copy and
 * emits "saved" with it, then closes; @promise itself is not changed. */
ConfianzaBrokenDialog *confianza_broken_dialog_new (GtkWindow        *parent,
                                                    ConfianzaStore   *store,
                                                    ConfianzaPromise *promise);

G_END_DECLS
