/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-report.h"

G_BEGIN_DECLS

/*
 * Writes every client of the database at @database_path to @output_path:
 * vCard when its name ends in ".vcf" or ".vcard", otherwise CSV
 * (confianza-client-book.h). Same file rules as the reports: checked
 * before anything is read, written beside it and renamed over it when
 * complete, mode 0600, never over the records (CONFIANZA_REPORT_ERROR_*).
 * Opens its own read-only connection: safe in a thread. Sets @n_clients
 * (may be NULL) to how many were written.
 */
gboolean confianza_report_write_client_book (const char  *database_path,
                                             const char  *output_path,
                                             guint       *n_clients,
                                             GError     **error);

G_END_DECLS
