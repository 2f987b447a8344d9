/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-enums.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CONVERSATION (confianza_conversation_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaConversation, confianza_conversation, CONFIANZA, CONVERSATION, GObject)

/* Properties: "id", "client-id" (gint64), "happened-on" (GDateTime),
 * "channel" (ConfianzaChannel), "client-said" (the client's own words),
 * "agreed" (what was agreed). */

ConfianzaConversation *confianza_conversation_new             (gint64                  client_id,
                                                               GDateTime              *happened_on,
                                                               ConfianzaChannel        channel);
ConfianzaConversation *confianza_conversation_copy            (ConfianzaConversation  *self);

gint64                 confianza_conversation_get_id          (ConfianzaConversation  *self);
void                   confianza_conversation_set_id          (ConfianzaConversation  *self,
                                                               gint64                  id);
gint64                 confianza_conversation_get_client_id   (ConfianzaConversation  *self);
void                   confianza_conversation_set_client_id   (ConfianzaConversation  *self,
                                                               gint64                  client_id);
GDateTime             *confianza_conversation_get_happened_on (ConfianzaConversation  *self);
void                   confianza_conversation_set_happened_on (ConfianzaConversation  *self,
                                                               GDateTime              *date);
ConfianzaChannel       confianza_conversation_get_channel     (ConfianzaConversation  *self);
void                   confianza_conversation_set_channel     (ConfianzaConversation  *self,
                                                               ConfianzaChannel        channel);
const char            *confianza_conversation_get_client_said (ConfianzaConversation  *self);
void                   confianza_conversation_set_client_said (ConfianzaConversation  *self,
                                                               const char             *text);
const char            *confianza_conversation_get_agreed      (ConfianzaConversation  *self);
void                   confianza_conversation_set_agreed      (ConfianzaConversation  *self,
                                                               const char             *text);

gboolean               confianza_conversation_validate        (ConfianzaConversation  *self,
                                                               const char           **property,
                                                               GError                **error);

G_END_DECLS
