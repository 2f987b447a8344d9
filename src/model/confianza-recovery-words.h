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
 */
typedef enum
{
  CONFIANZA_WORDS_APOLOGY,
  CONFIANZA_WORDS_COMPENSATION_OFFER,
  CONFIANZA_WORDS_FOLLOW_UP,
  CONFIANZA_WORDS_FAREWELL,          /* the closing message of a let-go */
} ConfianzaWordsKind;

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
} ConfianzaWordsFacts;

/* The draft of @kind, translated; a new string, never with a placeholder
 * left in it. */
char *confianza_recovery_words_draft (ConfianzaWordsKind         kind,
                                      const ConfianzaWordsFacts *facts);

G_END_DECLS
