/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-csv.h"

G_BEGIN_DECLS

/* The field a column header names, given as header_key () leaves it
 * (lower case, no accents, letters and digits only); NONE when unknown */
ConfianzaCsvField confianza_csv_field_for_key     (const char        *key);
/* Whether several columns may fill @field (emails, phones, notes, name parts) */
gboolean          confianza_csv_field_takes_many  (ConfianzaCsvField  field);

/* Whether the header names a company's legal name ("Razón social",
 * "Nombre fiscal", "Tercero"): the client's name when nothing else is */
gboolean          confianza_csv_key_is_legal_name (const char        *key);

/*
 * A preview of records read by another parser (vCard): @headers (char *)
 * and @fields, one per column; @records, char ** each, as many values as
 * columns; @lines, guint each, where each record starts. Nothing is taken.
 */
ConfianzaCsvPreview *confianza_csv_preview_new_from_records (const char              *encoding,
                                                             GPtrArray               *headers,
                                                             const ConfianzaCsvField *fields,
                                                             GPtrArray               *records,
                                                             GArray                  *lines,
                                                             GPtrArray               *existing);

/* Refuses @length bytes over CONFIANZA_CSV_MAX_BYTES, with the message the
 * user sees (CONFIANZA_CSV_ERROR_TOO_BIG) */
gboolean          confianza_csv_check_size        (gsize              length,
                                                   GError           **error);
/* Refuses a file of more than CONFIANZA_CSV_MAX_LINES records: call it
 * with how many were read before adding one more */
gboolean          confianza_csv_check_count       (guint              n_records,
                                                   GError           **error);

G_END_DECLS
