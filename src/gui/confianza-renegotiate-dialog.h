/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_RENEGOTIATE_DIALOG (confianza_renegotiate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRenegotiateDialog, confianza_renegotiate_dialog, CONFIANZA, RENEGOTIATE_DIALOG, ConfianzaDialog)

/* "Change the Due Date…" of an open promise: the new date, when the
 * client was told, whether they agreed, and why, kept as a step of the
 * promise's history (confianza_store_renegotiate_promise ()). Emits
 * "saved" with the ConfianzaPromiseStep, then closes. */
ConfianzaRenegotiateDialog *confianza_renegotiate_dialog_new (GtkWindow        *parent,
                                                              ConfianzaStore   *store,
                                                              ConfianzaPromise *promise);

/* "Correct a Mistake…": the due date recorded by mistake, with why; kept
 * as a correction in the promise's history (confianza_store_correct_promise ()).
 * For a delivered or broken promise too. */
ConfianzaRenegotiateDialog *confianza_renegotiate_dialog_new_correction (GtkWindow        *parent,
                                                                         ConfianzaStore   *store,
                                                                         ConfianzaPromise *promise);

G_END_DECLS
