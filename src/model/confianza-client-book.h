/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The client book as files the user takes anywhere ("your data is yours").
 *
 * CSV: UTF-8 with a byte order mark (so that Excel reads the accents),
 * comma-separated, CRLF, every field quoted; one header line with every
 * client field, in English so that the file is the same in every locale
 * (the import reads it back in either): Name, Company, Email, Phone,
 * Notes, Client since (YYYY-MM-DD), Status (stable id, "at-risk"), Let go
 * reason, Follow-up days (0: the default cadence). A cell that starts with
 * "=", "+", "-" or "@" is written after an apostrophe, so that spreadsheet
 * programs show it instead of running it; the import takes the apostrophe
 * off again.
 *
 * vCard 3.0: FN, N, ORG, EMAIL, TEL, NOTE per client, escaped and folded
 * at 75 bytes, CRLF.
 *
 * @clients: ConfianzaClient *; both return a new string.
 */
char *confianza_client_book_to_csv   (GPtrArray *clients);
char *confianza_client_book_to_vcard (GPtrArray *clients);

/* Whether @value would be run by a spreadsheet as a formula */
gboolean confianza_client_book_is_formula (const char *value);

G_END_DECLS
