/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "model/confianza-csv.h"
#include "store/confianza-store.h"

G_BEGIN_DECLS

typedef enum
{
  CONFIANZA_IMPORT_FLAGS_NONE         = 0,
  /* Also import the rows that repeat a client (same email or name) */
  CONFIANZA_IMPORT_INCLUDE_DUPLICATES = 1 << 0,
} ConfianzaImportFlags;

/*
 * The clients already in @store, as an array for confianza_csv_parse ():
 * a snapshot, safe to hand to a thread.
 */
GPtrArray *confianza_import_existing_clients  (ConfianzaStore        *store);

/*
 * Saves the ready rows of @preview (and the duplicates, with
 * CONFIANZA_IMPORT_INCLUDE_DUPLICATES) in one transaction: all of them or,
 * on any error, none. Invalid rows are never imported. Duplicates are
 * checked again against @store first, in case it changed since the preview
 * was made (so @preview's statuses may change). The preview's clients are
 * copied, never saved themselves, so a failed import can be tried again.
 * Sets @n_imported (may be NULL) to the number of clients saved.
 */
gboolean   confianza_import_clients           (ConfianzaStore        *store,
                                               ConfianzaCsvPreview   *preview,
                                               ConfianzaImportFlags   flags,
                                               guint                 *n_imported,
                                               GError               **error);

/* @done of @total clients written so far, told on the thread that started
 * the import, never backwards; the last call says @done == @total. */
typedef void (*ConfianzaImportProgress) (guint    done,
                                         guint    total,
                                         gpointer user_data);

/*
 * The same as confianza_import_clients () in a thread, with a connection of
 * its own to @store's file, so that the window never waits for it: one
 * transaction, looking at @cancellable every few hundred clients (cancelled:
 * rolled back, nothing written, G_IO_ERROR_CANCELLED), telling @progress
 * (may be NULL) how far it got. Meanwhile @store refuses its own changes
 * with CONFIANZA_STORE_ERROR_BUSY rather than wait for the file. @preview
 * must not be touched until it ends. Once committed, the clients join the
 * live list and "changed" is emitted, before @callback runs;
 * confianza_import_clients_finish () then says how many were saved.
 */
void       confianza_import_clients_async     (ConfianzaStore          *store,
                                               ConfianzaCsvPreview     *preview,
                                               ConfianzaImportFlags     flags,
                                               GCancellable            *cancellable,
                                               ConfianzaImportProgress  progress,
                                               gpointer                 progress_data,
                                               GDestroyNotify           progress_notify,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
gboolean   confianza_import_clients_finish    (ConfianzaStore          *store,
                                               GAsyncResult            *result,
                                               guint                   *n_imported,
                                               GError                 **error);

/*
 * For the command line (--import-clients=FILE.csv): reads and parses
 * @filename, imports what can be imported, and returns a summary for the
 * terminal, several translated lines: how many were imported, and each
 * line that was not, with why. Sets @n_imported and @n_skipped (may be
 * NULL) to how many lines were imported and how many were not. NULL with
 * @error when the file could not be read (a named pipe, a device or any
 * file that is not a regular one is refused at once) or the database
 * refused the changes (then nothing was imported).
 */
char      *confianza_import_clients_from_file (ConfianzaStore        *store,
                                               const char            *filename,
                                               ConfianzaImportFlags   flags,
                                               guint                 *n_imported,
                                               guint                 *n_skipped,
                                               GError               **error);

G_END_DECLS
