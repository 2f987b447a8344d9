/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CLIENT_DIALOG (confianza_client_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaClientDialog, confianza_client_dialog, CONFIANZA, CLIENT_DIALOG, ConfianzaDialog)

/* Adds a new client, or edits @client when it is not NULL. Emits "saved"
 * with the stored client, then closes. Nothing is written before Save. */
ConfianzaClientDialog *confianza_client_dialog_new (GtkWindow       *parent,
                                                    ConfianzaStore  *store,
                                                    ConfianzaClient *client);

G_END_DECLS
