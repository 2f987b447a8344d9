/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Text made safe to keep and to show
 * ==================================
 *
 * One rule for every text that reaches a record, a report or the terminal,
 * whoever wrote it (the user, a CSV file, an older database):
 *
 *  - it is valid UTF-8: every byte sequence that is not becomes U+FFFD, the
 *    replacement character “�” (g_utf8_make_valid ());
 *  - its line breaks are line feeds: CR LF and a lone CR become LF;
 *  - tab (U+0009) and line feed (U+000A) are kept; every other control
 *    character is left out: C0 (U+0000–U+001F), DEL (U+007F) and C1
 *    (U+0080–U+009F). Among them is ESC, which starts the sequences a
 *    terminal obeys; what followed it (“[31m”) stays, as plain text;
 *  - the noncharacters are left out: U+FFFE and U+FFFF, which XML 1.0
 *    forbids (a workbook that holds one cannot be opened), and the others
 *    Unicode reserves for the same use (U+FDD0–U+FDEF, and the last two
 *    code points of every plane, U+1FFFE…U+10FFFF).
 *
 * Everything else is kept as it was written: letters with their accents (in
 * whatever composition they came), spaces, punctuation, emoji, the marks of
 * right-to-left writing. Nothing is trimmed or cut to a length: that is for
 * the validators (confianza-rules.h) and for each kind of output.
 *
 * Every text setter of the records (client, promise, incident…) stores its
 * text through confianza_text_replace (), so a record holds clean text
 * whether it was typed or pasted in the window, read from a CSV file or
 * loaded from an older database; the reports and the CSV reader clean what
 * reaches them by other ways with confianza_text_clean ().
 */

/* A clean copy of @text, NULL for NULL. Clean text comes back unchanged. */
char     *confianza_text_clean            (const char  *text);

/* Whether confianza_text_clean () would leave @text as it is. NULL is
 * clean. */
gboolean  confianza_text_is_clean         (const char  *text);

/* For setters: replaces *@field with a clean copy of @text (NULL as "")
 * and returns TRUE, or returns FALSE and changes nothing when *@field
 * already holds that. */
gboolean  confianza_text_replace          (char       **field,
                                           const char  *text);

/* A file name as it may be shown in a message (g_filename_display_name (),
 * then cleaned): a name is text from anywhere too. */
char     *confianza_text_display_filename (const char  *filename);

G_END_DECLS
