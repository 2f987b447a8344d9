/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-recovery-words.h"

G_BEGIN_DECLS

/*
 * A message of a recovery plan that went out (issue 14): the words the
 * user copied to the clipboard or opened in the mail client, kept with the
 * plan and dated, so that whoever resumes the plan sees what was already
 * sent. Confianza never sends anything itself: "sent-on" is the day the
 * user took the words, "way" how.
 */

/* How the words left Confianza. The nicks are stored: never change one. */
typedef enum
{
  CONFIANZA_MESSAGE_COPIED,   /* copied to the clipboard */
  CONFIANZA_MESSAGE_MAILED,   /* opened in the mail client */
} ConfianzaMessageWay;

#define CONFIANZA_TYPE_WORDS_KIND  (confianza_words_kind_get_type ())
#define CONFIANZA_TYPE_MESSAGE_WAY (confianza_message_way_get_type ())

GType confianza_words_kind_get_type  (void);
GType confianza_message_way_get_type (void);

#define CONFIANZA_TYPE_RECOVERY_MESSAGE (confianza_recovery_message_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRecoveryMessage, confianza_recovery_message, CONFIANZA, RECOVERY_MESSAGE, GObject)

/* Plain accessors, like ConfianzaPromiseStep: no properties. */
ConfianzaRecoveryMessage *confianza_recovery_message_new  (gint64               plan_id,
                                                           gint64               client_id,
                                                           ConfianzaWordsKind   kind,
                                                           ConfianzaMessageWay  way,
                                                           const char          *text,
                                                           GDateTime           *sent_on);
ConfianzaRecoveryMessage *confianza_recovery_message_copy (ConfianzaRecoveryMessage *self);

gint64      confianza_recovery_message_get_id        (ConfianzaRecoveryMessage *self);
void        confianza_recovery_message_set_id        (ConfianzaRecoveryMessage *self,
                                                      gint64                    id);
gint64      confianza_recovery_message_get_plan_id   (ConfianzaRecoveryMessage *self);
void        confianza_recovery_message_set_plan_id   (ConfianzaRecoveryMessage *self,
                                                      gint64                    plan_id);
gint64      confianza_recovery_message_get_client_id (ConfianzaRecoveryMessage *self);
void        confianza_recovery_message_set_client_id (ConfianzaRecoveryMessage *self,
                                                      gint64                    client_id);
/* A ConfianzaWordsKind */
int         confianza_recovery_message_get_kind      (ConfianzaRecoveryMessage *self);
void        confianza_recovery_message_set_kind      (ConfianzaRecoveryMessage *self,
                                                      int                       kind);
/* A ConfianzaMessageWay */
int         confianza_recovery_message_get_way       (ConfianzaRecoveryMessage *self);
void        confianza_recovery_message_set_way       (ConfianzaRecoveryMessage *self,
                                                      int                       way);
const char *confianza_recovery_message_get_text      (ConfianzaRecoveryMessage *self);
void        confianza_recovery_message_set_text      (ConfianzaRecoveryMessage *self,
                                                      const char               *text);
GDateTime  *confianza_recovery_message_get_sent_on   (ConfianzaRecoveryMessage *self);
void        confianza_recovery_message_set_sent_on   (ConfianzaRecoveryMessage *self,
                                                      GDateTime                *date);

/* What the store checks before it keeps one: a known kind and way, its
 * day, and words (not blank, at most CONFIANZA_LONG_TEXT_MAX characters). */
gboolean    confianza_recovery_message_validate      (ConfianzaRecoveryMessage  *self,
                                                      const char               **property,
                                                      GError                   **error);

/* How and when it went out, translated: "Copied on 5 Dec 2026", "Opened in
 * the mail client on 5 Dec 2026". */
char       *confianza_recovery_message_describe      (ConfianzaRecoveryMessage *self);

/* The subject of a mail carrying the words of @kind, translated; worded
 * so that it addresses nobody (no tú or usted). */
const char *confianza_recovery_message_subject       (ConfianzaWordsKind kind);

/*
 * A mailto: URI (RFC 6068) to @to with @subject and @body (each may be
 * NULL or empty, and is then left out): UTF-8, every reserved character
 * percent-encoded, the body's line ends as CRLF (%0D%0A). @to is trimmed;
 * NULL when it is blank or holds what cannot be one address (white
 * space, a comma, no "@").
 */
char       *confianza_mailto_uri                     (const char *to,
                                                      const char *subject,
                                                      const char *body);

G_END_DECLS
