/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-csv.h"

G_BEGIN_DECLS

/*
 * Reading clients from vCard files (.vcf, versions 2.1, 3.0 and 4.0, as
 * GNOME Contacts, Evolution, Android, iOS and Outlook write them): several
 * contacts per file, folded lines, 2.1's CHARSET and
 * ENCODING=QUOTED-PRINTABLE, escaped "\n", "\,", "\;". FN (or N's given and
 * family names), ORG, EMAIL, TEL and NOTE fill the client; the other
 * properties are columns of the preview, not imported unless the user maps
 * them. The result is a ConfianzaCsvPreview, so the preview, duplicates and
 * import are the CSV ones; confianza_csv_parse () comes here by itself for
 * a file that starts with BEGIN:VCARD.
 *
 * Our own small parser, not evolution-data-server's libebook-contacts: the
 * GNOME Flatpak runtime does not ship that library, and bundling
 * evolution-data-server (with libical, NSS, libsecret…) to read five
 * properties would weigh more than the application. It is fuzzed like the
 * CSV parser (tests/reliability/fuzz-csv.c feeds both).
 */

/* Whether @data looks like a vCard file (BEGIN:VCARD first) */
gboolean             confianza_vcard_sniff (const char  *data,
                                            gsize        length);

/* Like confianza_csv_parse (): any bytes give an error or a preview, never
 * a crash; CONFIANZA_CSV_ERROR_EMPTY when there is no contact. */
ConfianzaCsvPreview *confianza_vcard_parse (const char  *data,
                                            gsize        length,
                                            GPtrArray   *existing,
                                            GError     **error);

G_END_DECLS
