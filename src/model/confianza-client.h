/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-enums.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CLIENT (confianza_client_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaClient, confianza_client, CONFIANZA, CLIENT, GObject)

/* Properties: "id" (gint64, 0 = not stored yet), "name", "company", "email",
 * "phone", "notes" (strings), "status" (ConfianzaClientStatus),
 * "status-manual" (gboolean: the user chose the status, the facts do not),
 * "since" (GDateTime, start of the relationship), "last-contact" (GDateTime,
 * nullable), "follow-up-days" (int, 0 = use the default cadence),
 * "let-go-reason" (string). */

ConfianzaClient       *confianza_client_new                (const char            *name);
ConfianzaClient       *confianza_client_copy               (ConfianzaClient       *self);

gint64                 confianza_client_get_id             (ConfianzaClient       *self);
void                   confianza_client_set_id             (ConfianzaClient       *self,
                                                            gint64                 id);
const char            *confianza_client_get_name           (ConfianzaClient       *self);
void                   confianza_client_set_name           (ConfianzaClient       *self,
                                                            const char            *name);
const char            *confianza_client_get_company        (ConfianzaClient       *self);
void                   confianza_client_set_company        (ConfianzaClient       *self,
                                                            const char            *company);
const char            *confianza_client_get_email          (ConfianzaClient       *self);
void                   confianza_client_set_email          (ConfianzaClient       *self,
                                                            const char            *email);
const char            *confianza_client_get_phone          (ConfianzaClient       *self);
void                   confianza_client_set_phone          (ConfianzaClient       *self,
                                                            const char            *phone);
const char            *confianza_client_get_notes          (ConfianzaClient       *self);
void                   confianza_client_set_notes          (ConfianzaClient       *self,
                                                            const char            *notes);
ConfianzaClientStatus  confianza_client_get_status         (ConfianzaClient       *self);
void                   confianza_client_set_status         (ConfianzaClient       *self,
                                                            ConfianzaClientStatus  status);
/* Whether the user set the status by hand: then the store never changes it
 * from the facts (see confianza_rules_suggest_status ()). */
gboolean               confianza_client_get_status_manual  (ConfianzaClient       *self);
void                   confianza_client_set_status_manual  (ConfianzaClient       *self,
                                                            gboolean               manual);
GDateTime             *confianza_client_get_since          (ConfianzaClient       *self);
void                   confianza_client_set_since          (ConfianzaClient       *self,
                                                            GDateTime             *since);
GDateTime             *confianza_client_get_last_contact   (ConfianzaClient       *self);
void                   confianza_client_set_last_contact   (ConfianzaClient       *self,
                                                            GDateTime             *last_contact);
int                    confianza_client_get_follow_up_days (ConfianzaClient       *self);
void                   confianza_client_set_follow_up_days (ConfianzaClient       *self,
                                                            int                    days);
const char            *confianza_client_get_let_go_reason  (ConfianzaClient       *self);
void                   confianza_client_set_let_go_reason  (ConfianzaClient       *self,
                                                            const char            *reason);

/* Derived values, not stored: "next-due-on" / "next-due-title" (the
 * client's earliest open promise; set together, cleared with NULL) and
 * "trust-score" (0–100, -1 while not computed), kept up to date by the
 * store for lists and sorting. */
GDateTime             *confianza_client_get_next_due_on    (ConfianzaClient       *self);
const char            *confianza_client_get_next_due_title (ConfianzaClient       *self);
void                   confianza_client_set_next_due       (ConfianzaClient       *self,
                                                            GDateTime             *due_on,
                                                            const char            *title);
int                    confianza_client_get_trust_score    (ConfianzaClient       *self);
void                   confianza_client_set_trust_score    (ConfianzaClient       *self,
                                                            int                    score);

/* The collation key of the case-folded name (g_utf8_collate_key ()):
 * strcmp () on two keys orders the names as g_utf8_collate () would. Kept
 * until the name changes, so that sorting thousands of clients does not
 * fold and collate every name at every comparison. */
const char            *confianza_client_get_sort_key       (ConfianzaClient       *self);
/* The client name order, the one the store's live list, the clients page
 * and the reports share: by sort key (the locale's collation, case
 * aside); names that collate the same by their case-folded bytes; then by
 * id, so that it is a total order. A qsort ()-style result. */
int                    confianza_client_compare_by_name    (ConfianzaClient       *a,
                                                            ConfianzaClient       *b);
/* Whether every one of @words (a search folded by g_str_tokenize_and_fold ())
 * starts a word of the name, of the company or of the email, accents and
 * case aside: g_str_match_string () on each field, with the client's words
 * folded once and kept until the field changes. No words match every
 * client (and only prepare the words). */
gboolean               confianza_client_matches_words      (ConfianzaClient       *self,
                                                            const char * const    *words);

gboolean               confianza_client_validate           (ConfianzaClient       *self,
                                                            const char          **property,
                                                            GError               **error);

G_END_DECLS
