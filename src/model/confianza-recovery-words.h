/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Words drafted for the user from what a recovery plan recorded (issue
 * 14): never sent by themselves, only shown to edit and copy. Each is
 * built from templates in the translation catalogue, with named
 * placeholders ({client}, {what}, {when}, {compensation}, {guarantee},
 * {until}, {next}) filled here, never concatenated in the interface.
 * Every template is a pair, C_("tú", …) and C_("usted", …), picked by
 * the facts' address (PARAGRAPH in the .c): a new kind is one more case
 * of pairs, and its msgctxt "tú" and "usted" entries in po/es.po.
 */
typedef enum
{
  CONFIANZA_WORDS_APOLOGY,
  CONFIANZA_WORDS_COMPENSATION_OFFER,
  CONFIANZA_WORDS_FOLLOW_UP,
  CONFIANZA_WORDS_FAREWELL,          /* the closing message of a let-go */
} ConfianzaWordsKind;

/* How the drafts and the client report address the client: usted
 * (formal, the default) or tú. gettext keeps one translation per text,
 * so every client-facing text is a pair marked with the context "usted"
 * or "tú" (see CONFIANZA_ADDRESSED). */
typedef enum
{
  CONFIANZA_ADDRESS_USTED,
  CONFIANZA_ADDRESS_TU,
} ConfianzaAddress;

/* The text of a pair for @address: both forms written out, so that
 * xgettext finds both contexts; usage:
 *   CONFIANZA_ADDRESSED (address, C_("tú", "Hello,"), C_("usted", "Hello,")) */
#define CONFIANZA_ADDRESSED(address, tu, usted) \
  ((address) == CONFIANZA_ADDRESS_TU ? (tu) : (usted))

/* "tu" or "usted", as the setting stores it, and back (anything else is
 * usted, the safe default) */
const char       *confianza_address_to_string   (ConfianzaAddress address);
ConfianzaAddress  confianza_address_from_string (const char      *text);

/* The facts a draft uses; any may be NULL or blank, and the draft then
 * leaves out what would need it. */
typedef struct
{
  const char *client;        /* the client's name */
  const char *what;          /* what went wrong (the incident) */
  GDateTime  *when;          /* when it happened */
  const char *compensation;  /* what is offered, in words ("Refund: 450,00 €") */
  const char *guarantee;     /* the special guarantee's terms */
  GDateTime  *until;         /* until when the guarantee lasts */
  GDateTime  *next;          /* the next follow-up */
  ConfianzaAddress address;  /* usted (0, the default) or tú */
} ConfianzaWordsFacts;

/* The draft of @kind, translated; a new string, never with a placeholder
 * left in it. */
char *confianza_recovery_words_draft (ConfianzaWordsKind         kind,
                                      const ConfianzaWordsFacts *facts);

G_END_DECLS
