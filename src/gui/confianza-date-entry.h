/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CONFIANZA_TYPE_DATE_ENTRY (confianza_date_entry_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaDateEntry, confianza_date_entry, CONFIANZA, DATE_ENTRY, AdwBin)

/*
 * A date typed in the locale's format (23/11/2026 in Spain) or picked from a
 * calendar. "date" is NULL while the text is empty or cannot be read; then
 * confianza_date_entry_check () says why in words.
 */
ConfianzaDateEntry *confianza_date_entry_new      (void);
GDateTime          *confianza_date_entry_get_date (ConfianzaDateEntry  *self);
void                confianza_date_entry_set_date (ConfianzaDateEntry  *self,
                                                   GDateTime           *date);
GtkEditable        *confianza_date_entry_get_editable (ConfianzaDateEntry *self);
/* The screen reader reads the heading @label on the entry itself. */
void                confianza_date_entry_set_label (ConfianzaDateEntry  *self,
                                                    GtkLabel            *label);
/* FALSE, with the reason, when there is text that is not a date. */
gboolean            confianza_date_entry_check    (ConfianzaDateEntry  *self,
                                                   GError             **error);

G_END_DECLS
