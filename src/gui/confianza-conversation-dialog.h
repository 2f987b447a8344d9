/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CONVERSATION_DIALOG (confianza_conversation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaConversationDialog, confianza_conversation_dialog, CONFIANZA, CONVERSATION_DIALOG, ConfianzaDialog)

/* Adds a conversation with the client @client_id, or edits @conversation
 * when it is not NULL. Emits "saved" with the stored conversation, then
 * closes. */
ConfianzaConversationDialog *confianza_conversation_dialog_new (GtkWindow             *parent,
                                                                ConfianzaStore        *store,
                                                                gint64                 client_id,
                                                                ConfianzaConversation *conversation);

G_END_DECLS
