/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "model/confianza-csv.h"

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_IMPORT_DIALOG (confianza_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaImportDialog, confianza_import_dialog, CONFIANZA, IMPORT_DIALOG, ConfianzaDialog)

/*
 * The preview of a CSV import: what will be imported, each line with an
 * error and why, the clients already in Confianza. Nothing is written
 * until Import, and then all in one transaction (or nothing). Emits
 * "imported" with the number of clients, then closes.
 */
ConfianzaImportDialog *confianza_import_dialog_new (GtkWindow           *parent,
                                                    ConfianzaStore      *store,
                                                    ConfianzaCsvPreview *preview,
                                                    const char          *filename);

/* Asks for a CSV file, reads it in a worker thread and shows the preview;
 * a file that cannot be read is said in a toast. */
void                   confianza_import_clients_interactive (GtkWidget      *widget,
                                                             ConfianzaStore *store);
/* Asks where, then writes the client book there (CSV, or vCard for .vcf)
 * in a thread with its own connection, and says how it went in a toast */
void                   confianza_export_clients_interactive (GtkWidget      *widget,
                                                             ConfianzaStore *store);

G_END_DECLS
